// Every ending queues its run's callback, and the reconciler queues one that was missed: real PostgreSQL and Redis.
import { sql } from 'kysely'
import t from 'tap'
import { findExecution } from '../../src/db/executions-repository.ts'
import { createWorkerConnection } from '../../src/queue/connections.ts'
import { createExecutionsQueue } from '../../src/queue/executions-queue.ts'
import { createWebhooksQueue } from '../../src/webhooks/webhooks-queue.ts'
import { endWithInternalError } from '../../src/worker/execution-ending.ts'
import { reconcile } from '../../src/worker/reconciler.ts'
import { createTestDatabase, insertQueuedExecution } from '../helpers/database.ts'
import { testLogger } from '../helpers/logger.ts'
import { testRedisUrl, uniqueQueueName } from '../helpers/redis.ts'
import { waitFor } from '../helpers/wait.ts'

const logger = testLogger()
const { db } = await createTestDatabase(t)
const redis = createWorkerConnection(testRedisUrl(), logger)
const name = uniqueQueueName('hooks')
const queue = createExecutionsQueue(redis, { name, attempts: 3, backoffMs: 100 }, logger)
const webhooks = createWebhooksQueue(redis, { name: `${name}-webhooks`, attempts: 3, backoffMs: 100 }, logger)
t.teardown(async () => {
  for (const q of [queue, webhooks]) {
    await q.obliterate({ force: true })
    await q.close()
  }
  await redis.quit()
})
const context = { db, logger, signal: new AbortController().signal, webhooks }
const settings = { queuedGraceMs: 60_000, runningGraceMs: 60_000, maxStarts: 2 }

async function withCallback(id: string) {
  await db.updateTable('executions').set({ callback_url: 'https://example.com/hook' }).where('id', '=', id).execute()
}

t.test("an internal_error ending queues the run's callback; a run without one queues nothing", async (t) => {
  const hooked = await insertQueuedExecution(db)
  const plain = await insertQueuedExecution(db)
  await withCallback(hooked.id)
  t.ok(await endWithInternalError(context, hooked.id, 'test'))
  t.ok(await endWithInternalError(context, plain.id, 'test'))
  const job = await waitFor('the callback job', () => webhooks.getJob(hooked.id), 5000)
  t.same(job.data, { executionId: hooked.id })
  t.ok((await findExecution(db, hooked.id))?.callback_queued_at, 'marked queued')
  t.equal(await webhooks.getJob(plain.id), undefined)
})

t.test('a run that ended without its callback queued (Redis away) is queued by the reconciler, once', async (t) => {
  const missed = await insertQueuedExecution(db)
  await withCallback(missed.id)
  await db
    .updateTable('executions')
    .set({ status: 'FAILED', failure_reason: 'cancelled', finished_at: sql<Date>`now() - interval '1 hour'` })
    .where('id', '=', missed.id)
    .execute()
  t.equal(await reconcile(context, queue, settings), 1, 'one repair')
  t.ok(await webhooks.getJob(missed.id), 'queued')
  t.ok((await findExecution(db, missed.id))?.callback_queued_at)
  t.equal(await reconcile(context, queue, settings), 0, 'nothing the second time')
})
