import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { ErrorLogger } from '../logging.ts'
import { createRetryingQueue, type QueueSettings } from './retrying-queue.ts'

export type { QueueSettings }

/** What a job carries: only the id. PostgreSQL holds the snapshot to run. */
export interface ExecutionJobData {
  executionId: string
}

/** The queue's settings, read from the config in this one place for the API and the workers. */
export function queueSettingsFrom(config: Config): QueueSettings {
  return { name: config.QUEUE_NAME, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS }
}

export function createExecutionsQueue(
  connection: Redis,
  settings: QueueSettings,
  logger: ErrorLogger,
): Queue<ExecutionJobData> {
  return createRetryingQueue<ExecutionJobData>(connection, settings, 'queue', logger)
}

/**
 * The job id is the execution id, so enqueuing the same execution twice adds one job. Without a priority
 * (a run queued again by recovery) the job goes before every prioritized one.
 */
export async function enqueueExecution(
  queue: Queue<ExecutionJobData>,
  executionId: string,
  priority?: number,
): Promise<void> {
  await queue.add(
    'run',
    { executionId },
    priority === undefined ? { jobId: executionId } : { jobId: executionId, priority },
  )
}

/** BullMQ's lowest priority (1 is the highest). */
const LOWEST_PRIORITY = 2 ** 21

/**
 * Fair share: a client's run goes behind as many runs as that client already has queued or running. Jobs of
 * equal priority run first in, first out, and a client has at most one run of priority 1 in flight, so a
 * client with nothing in flight waits at most for the priority-1 run of each other client, however long
 * their backlogs.
 */
export function fairSharePriority(activeOfClient: number): number {
  return Math.min(activeOfClient + 1, LOWEST_PRIORITY)
}
