import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { Database } from '../db/types.ts'
import { findUnqueuedCallback, markCallbackQueued } from '../db/webhook-deliveries-repository.ts'
import type { CallbackJobData } from './webhooks-queue.ts'

/**
 * Queues the callback of an execution that has ended, if it has one not queued yet; true when it queued one.
 * Marked after the job is added: a failure in between queues it twice at worst (the reconciler finds it again),
 * never not at all. The job id is the execution id, so a second add while the first job is kept is a no-op.
 */
export async function queueCallback(
  db: Kysely<Database>,
  queue: Queue<CallbackJobData>,
  executionId: string,
): Promise<boolean> {
  if ((await findUnqueuedCallback(db, executionId)) === undefined) return false
  await queue.add('deliver', { executionId }, { jobId: executionId })
  await markCallbackQueued(db, executionId)
  return true
}
