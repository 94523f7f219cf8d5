// PostgreSQL stopped and started again while runs are in flight: the API answers 503 meanwhile and recovers
// by itself; a worker that finished a run during the outage keeps the outcome and writes it later.
import t from 'tap'
import { insertExecution } from '../../src/db/executions-repository.ts'
import { enqueueExecution } from '../../src/queue/executions-queue.ts'
import { startOwnPostgres } from '../helpers/servers.ts'
import { assertAllSettled, migratedDatabaseOn, row, sleep, startRig, waitFor, waitForRow } from './helpers.ts'

t.test('PostgreSQL restarted during runs: 503 while down, outcomes kept and written afterwards', async (t) => {
  const postgres = await startOwnPostgres(t)
  const { db, url } = await migratedDatabaseOn(t, postgres.url)
  const rig = await startRig(t, { db, databaseUrl: url, env: { WORKER_CONCURRENCY: '2' } })
  rig.worker()
  const sessionId = await rig.session('import time\ntime.sleep(3)\nprint("survived")\n')
  const { executionId } = await rig.run(sessionId)
  if (!executionId) throw new Error('run not accepted')
  await waitForRow(db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 30_000)
  // A run whose job reaches the worker while PostgreSQL is away (its row was written before).
  const waiting = await insertExecution(db, {
    session_id: sessionId,
    language: 'python',
    source_code: 'print("claimed late")',
    stdin: '',
  })

  await postgres.stop()
  const stoppedAt = Date.now()
  await enqueueExecution(rig.app.executionsQueue, waiting.id)
  const read = await rig.app.inject({ method: 'GET', url: `/executions/${executionId}` })
  t.equal(read.statusCode, 503, 'GET /executions answers 503 while PostgreSQL is down')
  t.equal(read.json().error.code, 'unavailable')
  const create = await rig.app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'python' } })
  t.equal(create.statusCode, 503, 'POST /code-sessions answers 503')
  const runResponse = await rig.run(sessionId)
  t.equal(runResponse.statusCode, 503, 'POST /run answers 503')
  // The program (3 s) ends while PostgreSQL is down; the job for the waiting row is tried meanwhile too.
  await sleep(Math.max(0, 6000 - (Date.now() - stoppedAt)))

  await postgres.start()
  const startedAt = Date.now()
  await waitFor(
    'the API to answer again',
    async () => (await rig.app.inject({ method: 'GET', url: `/executions/${executionId}` })).statusCode === 200,
    20_000,
    250,
  )
  t.comment(`API answering again ${Date.now() - startedAt} ms after PostgreSQL came back`)
  // Bounded, but generous: once, on a loaded CI machine, this took longer than 30 s (cause not found).
  const execution = await waitForRow(db, executionId, 'terminal', (e) => e.status !== 'RUNNING', 60_000)
  t.comment(`outcome written ${Date.now() - startedAt} ms after PostgreSQL came back`)
  t.match(execution, { status: 'COMPLETED', stdout: 'survived\n', failure_reason: null, attempts: 1 })
  t.match(await waitForRow(db, waiting.id, 'terminal', (e) => e.status === 'COMPLETED', 30_000), {
    stdout: 'claimed late\n',
  })
  t.equal((await row(db, waiting.id))?.attempts, 1, 'started once')
  // The job sent during the outage carried it: it waited for PostgreSQL rather than failing and leaving the
  // row to the reconciler (which would have queued a new job, added after PostgreSQL came back).
  const job = await rig.app.executionsQueue.getJob(waiting.id)
  t.ok(job && job.timestamp < startedAt, 'the run was carried by the job sent during the outage')
  await assertAllSettled(t, db, [...rig.accepted, waiting.id])
})
