import { randomUUID } from 'node:crypto'
import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import { createWorkerConnection } from '../../src/queue/connections.ts'
import { createExecutionsQueue, enqueueExecution, queueSettingsFrom } from '../../src/queue/executions-queue.ts'
import { startWorker } from '../../src/worker/start-worker.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { testLogger } from '../helpers/logger.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort, startOwnRedis } from '../helpers/servers.ts'
import { waitFor } from '../helpers/wait.ts'

t.test("a worker's /health and /ready report PostgreSQL, Redis and Docker", async (t) => {
  const { url } = await createTestDatabase(t)
  const redis = await startOwnRedis(t)
  const port = await freePort()
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    QUEUE_NAME: uniqueQueueName('health'),
    HOST: '127.0.0.1',
    WORKER_HEALTH_PORT: String(port),
  })
  const worker = await startWorker(config, testLogger())
  t.teardown(() => worker.close())
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`)
    return { status: response.status, body: await response.json() }
  }

  t.same(await get('/health'), { status: 200, body: { status: 'ok' } })
  t.same(await get('/ready'), {
    status: 200,
    body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok', docker: 'ok' } },
  })
  t.match(await get('/nowhere'), { status: 404, body: { error: { code: 'not_found' } } })

  await redis.stop()
  const notReady = await get('/ready')
  t.equal(notReady.status, 503)
  t.same(notReady.body, { error: { code: 'unavailable', message: 'not ready: redis unreachable' } })
  t.same(await get('/health'), { status: 200, body: { status: 'ok' } }, 'liveness does not depend on Redis')

  await redis.start()
  // The worker's connection comes back by itself.
  await waitFor('the worker to be ready again', async () => (await get('/ready')).status === 200, 5000)
  t.equal((await get('/ready')).status, 200)

  // And so does its queue's blocking connection, which /ready does not ping: the worker takes jobs again. It is also
  // the one BullMQ's close() waits on (taskforcesh/bullmq#4656), so the teardown no longer closes it mid-reconnect.
  const connection = createWorkerConnection(redis.url, testLogger())
  const queue = createExecutionsQueue(connection, queueSettingsFrom(config), testLogger())
  t.teardown(async () => {
    await queue.close()
    await connection.quit()
  })
  const executionId = randomUUID()
  await enqueueExecution(queue, executionId)
  // The execution is in no database: the worker's answer is to fail the job (BullMQ retries it later).
  const failedReason = async () => (await queue.getJob(executionId))?.failedReason
  await waitFor('the worker to take a job after the outage', async () => Boolean(await failedReason()), 15_000)
  t.match(await failedReason(), /not in the database/, 'the worker took the job and looked its execution up')
})
