import type { Queue } from 'bullmq'
import fp from 'fastify-plugin'
import { createExecutionsQueue, type ExecutionJobData } from '../../queue/executions-queue.ts'

declare module 'fastify' {
  interface FastifyInstance {
    executionsQueue: Queue<ExecutionJobData>
  }
}

/** The BullMQ queue runs are enqueued on. The API only produces: it never runs anything itself. */
export default fp(
  async (app) => {
    const queue = createExecutionsQueue(app.redis, {
      name: app.config.QUEUE_NAME,
      attempts: app.config.JOB_ATTEMPTS,
      backoffMs: app.config.JOB_BACKOFF_MS,
    })
    app.decorate('executionsQueue', queue)
    app.addHook('onClose', async () => {
      await queue.close()
    })
  },
  { name: 'executions-queue', dependencies: ['config', 'redis'] },
)
