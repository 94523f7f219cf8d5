import type { Queue } from 'bullmq'
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { createExecutionsQueue, type ExecutionJobData, queueSettingsFrom } from '../../queue/executions-queue.ts'

declare module 'fastify' {
  interface FastifyInstance {
    executionsQueue: Queue<ExecutionJobData>
  }
}

const SETUP_WAIT_MS = 3000

/** The BullMQ queue runs are enqueued on. The API only produces: it never runs anything itself. */
export default fp(
  async (app) => {
    const queue = createExecutionsQueue(app.redis, queueSettingsFrom(app.config), app.log)
    app.decorate('executionsQueue', queue)
    app.addHook('onClose', async () => {
      // BullMQ sets its connection up in the background; closed in the middle of that, it later reports the
      // interrupted setup on an emitter with no listener left, which crashes the process. So a setup under
      // way is let finish first. (While Redis is down, the setup just waits, and closing is harmless.)
      await setupSettled(app.redis, queue)
      await queue.close()
    })
  },
  { name: 'executions-queue', dependencies: ['config', 'redis'] },
)

/** Resolves once a connection attempt under way has ended: ready (and the queue set up on it), failed, or timed out. */
async function setupSettled(redis: Redis, queue: Queue<ExecutionJobData>): Promise<void> {
  if (redis.status !== 'connecting' && redis.status !== 'connect') return
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      redis.off('close', done)
      resolve()
    }
    const timer = setTimeout(done, SETUP_WAIT_MS)
    redis.once('close', done)
    queue.waitUntilReady().then(done, done)
  })
}
