import { sql } from 'kysely'
import t from 'tap'
import { createDatabase } from '../../src/db/connection.ts'
import { findExecution } from '../../src/db/executions-repository.ts'
import { createWorkerConnection } from '../../src/queue/connections.ts'
import { createExecutionsQueue, enqueueExecution, queueSettingsFrom } from '../../src/queue/executions-queue.ts'
import { testLogger } from '../helpers/logger.ts'
import { startTestSystem, waitForTerminal } from '../helpers/system.ts'

// A holder on another Docker engine died mid-run: its container, out of this worker's reach, ended with it (its
// runner saw stdin close: test/sandbox/livecode-run.test.ts), so the take-over runs at once, not after the old
// container's own time limit.
t.test('a take-over from another engine runs at once', async (t) => {
  const { app, config } = await startTestSystem(t, { RUN_TIMEOUT_MS: '20000' })
  const db = createDatabase({ connectionString: config.DATABASE_URL, logger: testLogger() })
  t.teardown(() => db.destroy())
  const redis = createWorkerConnection(config.REDIS_URL, testLogger())
  const queue = createExecutionsQueue(redis, queueSettingsFrom(config), testLogger())
  t.teardown(async () => {
    await queue.close()
    await redis.quit()
  })

  const created = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'print("again")' },
  })
  const sessionId = created.json().session_id
  // What a dead holder on another engine leaves: RUNNING, started just now, elsewhere; no job in Redis.
  const row = await db
    .insertInto('executions')
    .values({ session_id: sessionId, language: 'python', source_code: 'print("again")', stdin: '' })
    .returningAll()
    .executeTakeFirstOrThrow()
  await db
    .updateTable('executions')
    .set({ status: 'RUNNING', attempts: 1, engine_id: 'another-engine', started_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .execute()
  const holderStart = (await findExecution(db, row.id))?.started_at
  await enqueueExecution(queue, row.id)

  const execution = await waitForTerminal(app, row.id, 60_000)
  t.match(execution, { status: 'COMPLETED', stdout: 'again\n' })
  const after = await findExecution(db, row.id)
  t.equal(after?.attempts, 2)
  const limit = config.RUN_TIMEOUT_MS
  const waited = Date.parse(execution.finished_at) - (holderStart?.getTime() ?? 0)
  t.ok(waited < limit, `ran before the old container's own limit could have ended it (${waited} ms < ${limit} ms)`)
})
