// The reconciler's decisions, fast: a real PostgreSQL and a real Redis queue of the test's own, no worker.
import { sql } from 'kysely'
import t from 'tap'
import { findExecution, markRunning } from '../../src/db/executions-repository.ts'
import { createWorkerConnection } from '../../src/queue/connections.ts'
import { createExecutionsQueue, enqueueExecution } from '../../src/queue/executions-queue.ts'
import { reconcile } from '../../src/worker/reconciler.ts'
import { createTestDatabase, insertQueuedExecution } from '../helpers/database.ts'
import { testLogger } from '../helpers/logger.ts'
import { testRedisUrl, uniqueQueueName } from '../helpers/redis.ts'

const logger = testLogger()
const { db } = await createTestDatabase(t)
const redis = createWorkerConnection(testRedisUrl(), logger)
const queue = createExecutionsQueue(redis, { name: uniqueQueueName('reconcile'), attempts: 3, backoffMs: 100 }, logger)
t.teardown(async () => {
  await queue.obliterate({ force: true })
  await queue.close()
  await redis.quit()
})
const context = { db, logger, signal: new AbortController().signal }
const settings = { queuedGraceMs: 60_000, runningGraceMs: 60_000, maxStarts: 2 }

/** Makes the row look as if it was queued, or started, an hour ago. */
async function age(id: string, column: 'queued_at' | 'started_at') {
  await db
    .updateTable('executions')
    .set({ [column]: sql<Date>`now() - interval '1 hour'` })
    .where('id', '=', id)
    .execute()
}

t.test('an old QUEUED run without a job is queued again; one with a live job, or a young one, is left', async (t) => {
  const lost = await insertQueuedExecution(db)
  const queued = await insertQueuedExecution(db)
  const young = await insertQueuedExecution(db)
  await age(lost.id, 'queued_at')
  await age(queued.id, 'queued_at')
  await enqueueExecution(queue, queued.id)
  t.equal(await reconcile(context, queue, settings), 1, 'one repair')
  t.equal(await (await queue.getJob(lost.id))?.getState(), 'waiting', 'the lost run has a job again')
  t.notOk(await queue.getJob(young.id), 'a young run’s job may still be on its way')
  t.equal(await reconcile(context, queue, settings), 0, 'nothing more to do')
})

t.test(
  'an old RUNNING run without a job: queued again while it has starts left, ended once they are spent',
  async (t) => {
    const again = await insertQueuedExecution(db)
    const spent = await insertQueuedExecution(db)
    for (const { id } of [again, spent]) {
      await markRunning(db, id, 'engine-a')
      await age(id, 'started_at')
    }
    await db.updateTable('executions').set({ attempts: 2 }).where('id', '=', spent.id).execute()
    t.equal(await reconcile(context, queue, settings), 2)
    t.match(await findExecution(db, again.id), { status: 'QUEUED', attempts: 1, started_at: null })
    t.equal(await (await queue.getJob(again.id))?.getState(), 'waiting', 'it has a job again')
    t.match(await findExecution(db, spent.id), { status: 'FAILED', failure_reason: 'internal_error', attempts: 2 })
    t.notOk(await queue.getJob(spent.id), 'no job for the ended run')
  },
)
