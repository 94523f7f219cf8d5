import { sql } from 'kysely'
import t from 'tap'
import {
  findExecution,
  findUnfinishedBefore,
  markFinished,
  markInternalError,
  markRequeued,
  markRunning,
  takeOverRunning,
} from '../../src/db/executions-repository.ts'
import { INTERNAL_ERROR_MESSAGE } from '../../src/execution-states.ts'
import { createTestDatabase, insertQueuedExecution } from '../helpers/database.ts'

const outcome = {
  status: 'COMPLETED',
  failure_reason: null,
  exit_code: 0,
  stdout: 'hi\n',
  stderr: '',
  stdout_truncated: false,
  stderr_truncated: false,
  duration_ms: 12,
  cpu_time_ms: 7,
  peak_memory_bytes: 4_000_000,
} as const

t.test('QUEUED → RUNNING once: the start counts, the engine is recorded, a second claim gets nothing', async (t) => {
  const { db } = await createTestDatabase(t)
  const { id } = await insertQueuedExecution(db)
  t.match(await markRunning(db, id, 'engine-a'), { status: 'RUNNING', attempts: 1, engine_id: 'engine-a' })
  t.ok((await findExecution(db, id))?.started_at, 'started_at set')
  t.equal(await markRunning(db, id, 'engine-b'), undefined, 'not QUEUED any more')
})

t.test('attempt fencing: a take-over bumps the start, and the old start’s writes change nothing', async (t) => {
  const { db } = await createTestDatabase(t)
  const { id } = await insertQueuedExecution(db)
  await markRunning(db, id, 'engine-a')
  t.equal(await takeOverRunning(db, id, 2, 'engine-b'), undefined, 'a take-over naming a start that is not current')
  t.match(await takeOverRunning(db, id, 1, 'engine-b'), { attempts: 2, engine_id: 'engine-b' })
  t.equal(await takeOverRunning(db, id, 1, 'engine-c'), undefined, 'the same start cannot be taken over twice')

  t.equal(await markFinished(db, id, 1, outcome), false, 'the dead holder’s outcome is dropped')
  t.equal(await markRequeued(db, id, 1), false, 'and so is its hand-back')
  t.equal((await findExecution(db, id))?.status, 'RUNNING')
  t.equal(await markFinished(db, id, 2, outcome), true, 'the current start writes')
  t.match(await findExecution(db, id), { ...outcome, attempts: 2 })
  t.ok((await findExecution(db, id))?.finished_at)
})

t.test('a terminal row never changes again', async (t) => {
  const { db } = await createTestDatabase(t)
  const { id } = await insertQueuedExecution(db)
  await markRunning(db, id, 'engine-a')
  await markFinished(db, id, 1, outcome)
  t.equal(await markFinished(db, id, 1, { ...outcome, status: 'TIMEOUT' }), false)
  t.equal(await markRequeued(db, id, 1), false)
  t.equal(await markInternalError(db, id), null)
  t.equal(await takeOverRunning(db, id, 1, 'engine-b'), undefined)
  t.equal((await findExecution(db, id))?.status, 'COMPLETED')
})

t.test('a hand-back makes the run QUEUED again, and the next claim is a new start', async (t) => {
  const { db } = await createTestDatabase(t)
  const { id } = await insertQueuedExecution(db)
  await markRunning(db, id, 'engine-a')
  t.equal(await markRequeued(db, id, 1), true)
  t.match(await findExecution(db, id), { status: 'QUEUED', started_at: null })
  t.match(await markRunning(db, id, 'engine-a'), { attempts: 2 })
})

t.test('internal_error ends a QUEUED or a RUNNING run, whatever its start, with the shared message', async (t) => {
  const { db } = await createTestDatabase(t)
  const queued = await insertQueuedExecution(db)
  const running = await insertQueuedExecution(db)
  await markRunning(db, running.id, 'engine-a')
  for (const { id } of [queued, running]) {
    t.equal(await markInternalError(db, id), 'python', 'the ended run’s language')
    t.match(await findExecution(db, id), {
      status: 'FAILED',
      failure_reason: 'internal_error',
      stderr: INTERNAL_ERROR_MESSAGE,
      duration_ms: null,
    })
  }
  t.equal(await markInternalError(db, '00000000-0000-4000-8000-000000000000'), null, 'no such row')
})

t.test('the reconciler’s view: unfinished rows older than a bound, by status, oldest first', async (t) => {
  const { db } = await createTestDatabase(t)
  const old = await insertQueuedExecution(db)
  const fresh = await insertQueuedExecution(db)
  const running = await insertQueuedExecution(db)
  await db
    .updateTable('executions')
    .set({ queued_at: sql<Date>`now() - interval '1 hour'` })
    .where('id', '=', old.id)
    .execute()
  await markRunning(db, running.id, 'engine-a')
  const bound = new Date(Date.now() - 60_000)
  t.strictSame(
    (await findUnfinishedBefore(db, 'QUEUED', bound, 10)).map((row) => row.id),
    [old.id],
    'only the old QUEUED row',
  )
  t.strictSame(await findUnfinishedBefore(db, 'RUNNING', bound, 10), [], 'the RUNNING row started just now')
  const later = new Date(Date.now() + 60_000)
  t.strictSame(
    (await findUnfinishedBefore(db, 'QUEUED', later, 10)).map((row) => row.id),
    [old.id, fresh.id],
    'oldest first',
  )
  t.strictSame(
    (await findUnfinishedBefore(db, 'RUNNING', later, 10)).map((row) => row.id),
    [running.id],
  )
})
