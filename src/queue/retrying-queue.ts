import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { type ErrorLogger, logErrorsOf } from '../logging.ts'

export interface QueueSettings {
  name: string
  /** BullMQ's tries of one job. */
  attempts: number
  /** The first retry's delay; each next one doubles it. */
  backoffMs: number
}

/**
 * A queue whose jobs are tried `attempts` times with exponential backoff. Finished jobs are kept for a while for
 * inspection, never for ever: PostgreSQL holds every outcome. `label` names it in the error log.
 */
export function createRetryingQueue<Data>(
  connection: Redis,
  settings: QueueSettings,
  label: string,
  logger: ErrorLogger,
): Queue<Data> {
  const queue = new Queue<Data>(settings.name, {
    connection,
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 24 * 3600, count: 10_000 },
    },
  })
  queue.on('error', logErrorsOf(label, logger))
  return queue
}
