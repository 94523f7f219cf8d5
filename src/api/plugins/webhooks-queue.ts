import type { Queue } from 'bullmq'
import fp from 'fastify-plugin'
import { parseAllowHosts } from '../../webhooks/callback-url.ts'
import { type CallbackJobData, createWebhooksQueue, webhookQueueSettingsFrom } from '../../webhooks/webhooks-queue.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the API queues the callback of a run it ends itself (a queued run cancelled). */
    webhooksQueue: Queue<CallbackJobData>
    /** WEBHOOK_ALLOW_HOSTS, parsed once. */
    webhookAllowHosts: ReadonlySet<string>
  }
}

export default fp(
  async (app) => {
    const queue = createWebhooksQueue(app.redis, webhookQueueSettingsFrom(app.config), app.log)
    app.decorate('webhooksQueue', queue)
    app.decorate('webhookAllowHosts', parseAllowHosts(app.config.WEBHOOK_ALLOW_HOSTS))
    // After the executions queue's close (registered later, closed earlier), whose wait for a setup covers this one.
    app.addHook('onClose', async () => {
      await queue.close()
    })
  },
  { name: 'webhooks-queue', dependencies: ['config', 'redis'] },
)
