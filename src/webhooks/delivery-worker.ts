import { type Job, Worker } from 'bullmq'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { Database } from '../db/types.ts'
import { logErrorsOf } from '../logging.ts'
import { createWorkerConnection } from '../queue/connections.ts'
import { parseAllowHosts } from './callback-url.ts'
import { type DeliverySettings, deliverCallback } from './deliver-callback.ts'
import { type CallbackJobData, webhookQueueSettingsFrom } from './webhooks-queue.ts'

export function deliverySettingsFrom(config: Config): DeliverySettings {
  return {
    serverSecret: config.WEBHOOK_SECRET,
    allowHosts: parseAllowHosts(config.WEBHOOK_ALLOW_HOSTS),
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  }
}

/**
 * The callbacks' own BullMQ worker, with its own connection and concurrency: a slow or dead receiver holds
 * one of its slots, never one of the runs'. Returns its close.
 */
export function startDeliveryWorker(config: Config, db: Kysely<Database>, logger: Logger): () => Promise<void> {
  const settings = deliverySettingsFrom(config)
  const connection = createWorkerConnection(config.REDIS_URL, logger)
  const worker = new Worker<CallbackJobData>(
    webhookQueueSettingsFrom(config).name,
    (job: Job<CallbackJobData>) => {
      const number = job.attemptsMade + 1
      const attempt = { number, isLast: number >= (job.opts.attempts ?? 1) }
      return deliverCallback(db, settings, job.data.executionId, attempt, logger)
    },
    { connection, concurrency: config.WEBHOOK_CONCURRENCY },
  )
  worker.on('error', logErrorsOf('webhooks worker', logger))
  return async () => {
    await worker.close()
    await connection.quit().catch(() => {})
  }
}
