// An id in capitals is the same id everywhere, not only in PostgreSQL.
import t from 'tap'
import { createSession, createTestApp, run } from './app-helper.ts'

t.test('ids in any letter case reach every consumer in their canonical form', async (t) => {
  const { app } = await createTestApp(t)
  const session = await createSession(app)
  const accepted = await run(app, session.session_id.toUpperCase())
  t.equal(accepted.statusCode, 202)
  t.equal(accepted.json().session_id, session.session_id, 'answered with the canonical id')
  const id: string = accepted.json().execution_id
  t.ok(await app.executionsQueue.getJob(id), 'its job is queued')

  // Cancelling a queued run removes its job from the queue, which is keyed on the canonical id.
  const cancelled = await app.inject({ method: 'POST', url: `/executions/${id.toUpperCase()}/cancel` })
  t.equal(cancelled.statusCode, 202)
  t.match(cancelled.json(), { execution_id: id, status: 'FAILED', failure_reason: 'cancelled' })
  t.notOk(await app.executionsQueue.getJob(id), 'the job went with it')

  const read = await app.inject({ method: 'GET', url: `/executions/${id.toUpperCase()}` })
  t.equal(read.json().execution_id, id)
})
