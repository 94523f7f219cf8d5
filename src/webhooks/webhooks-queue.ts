import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { ErrorLogger } from '../logging.ts'
import { createRetryingQueue, type QueueSettings } from '../queue/retrying-queue.ts'

/** A delivery job carries only the execution id: PostgreSQL holds the URL, the run and (via its key) the secret. */
export interface CallbackJobData {
  executionId: string
}

/** Tries of one callback: as many as exponential backoff fits in WEBHOOK_RETRY_FOR_MS. */
export type WebhookQueueSettings = QueueSettings

/**
 * Tries that fit: after try n (from 1) BullMQ waits backoff × 2^(n−1), so n tries span backoff × (2^(n−1) − 1).
 * The most tries whose span stays within `retryForMs`: with a 10 s backoff and 24 h, 14 tries over 22.8 h.
 */
export function callbackAttempts(backoffMs: number, retryForMs: number): number {
  return 1 + Math.floor(Math.log2(retryForMs / backoffMs + 1))
}

/** The callbacks' queue sits beside the executions queue it serves (tests with their own queue get their own). */
export function webhookQueueSettingsFrom(config: Config): WebhookQueueSettings {
  return {
    name: `${config.QUEUE_NAME}-webhooks`,
    attempts: callbackAttempts(config.WEBHOOK_BACKOFF_MS, config.WEBHOOK_RETRY_FOR_MS),
    backoffMs: config.WEBHOOK_BACKOFF_MS,
  }
}

export function createWebhooksQueue(
  connection: Redis,
  settings: WebhookQueueSettings,
  logger: ErrorLogger,
): Queue<CallbackJobData> {
  return createRetryingQueue<CallbackJobData>(connection, settings, 'webhooks queue', logger)
}
