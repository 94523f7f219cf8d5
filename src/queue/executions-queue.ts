import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'

/** What a job carries: only the id. PostgreSQL holds the snapshot to run. */
export interface ExecutionJobData {
  executionId: string
}

export interface QueueSettings {
  name: string
  attempts: number
  backoffMs: number
}

export function createExecutionsQueue(connection: Redis, settings: QueueSettings): Queue<ExecutionJobData> {
  const queue = new Queue<ExecutionJobData>(settings.name, {
    connection,
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      // Finished jobs are kept for a while for inspection, never for ever: PostgreSQL holds the outcome.
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 24 * 3600, count: 10_000 },
    },
  })
  queue.on('error', () => {})
  return queue
}

/** The job id is the execution id, so enqueuing the same execution twice adds one job. */
export async function enqueueExecution(queue: Queue<ExecutionJobData>, executionId: string): Promise<void> {
  await queue.add('run', { executionId }, { jobId: executionId })
}
