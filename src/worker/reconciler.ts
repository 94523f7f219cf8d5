import type { Job, Queue } from 'bullmq'
import { findUnfinishedBefore } from '../db/executions-repository.ts'
import type { Execution } from '../db/types.ts'
import { findUnqueuedCallbacksBefore } from '../db/webhook-deliveries-repository.ts'
import { type ExecutionJobData, enqueueExecution } from '../queue/executions-queue.ts'
import { queueCallback } from '../webhooks/queue-callback.ts'
import { type EndingContext, endWithInternalError, handBack, startsSpent } from './execution-ending.ts'

/** Job states in which BullMQ will still hand the job to a worker by itself. */
const LIVE_JOB_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'])
const BATCH = 100

export interface ReconcilerSettings {
  /** A QUEUED row younger than this is left alone (its job may be on its way). */
  queuedGraceMs: number
  /**
   * A RUNNING row is suspect once it has run longer than this: the run's wall-clock limit plus a margin, and
   * never less than its container's own self-destruct deadline, so a re-run never overlaps a live container.
   */
  runningGraceMs: number
  maxStarts: number
}

/**
 * PostgreSQL is the truth and Redis only carries work: this puts the two back in step. Executions whose
 * job Redis no longer holds (Redis lost its data, or the job ended without the row doing so) are queued
 * again, or ended with internal_error once they have been started too often. Safe to run from every
 * worker at once: each change is a conditional update and the job id is the execution id.
 */
export async function reconcile(
  context: EndingContext,
  queue: Queue<ExecutionJobData>,
  settings: ReconcilerSettings,
): Promise<number> {
  const { db, logger } = context
  let repaired = 0
  const now = Date.now()
  for (const execution of await findUnfinishedBefore(db, 'QUEUED', new Date(now - settings.queuedGraceMs), BATCH)) {
    const job = await queue.getJob(execution.id)
    if (await isLive(job)) continue
    await requeue(queue, execution, job)
    logger.warn({ executionId: execution.id }, 'reconciler: QUEUED execution had no job; queued again')
    repaired++
  }
  for (const execution of await findUnfinishedBefore(db, 'RUNNING', new Date(now - settings.runningGraceMs), BATCH)) {
    const job = await queue.getJob(execution.id)
    if (await isLive(job)) continue
    if (startsSpent(execution.attempts, settings.maxStarts)) {
      await endWithInternalError(context, execution.id, 'reconciler: RUNNING with no job, and its starts are spent')
    } else if (await handBack(context, execution.id, execution.attempts)) {
      await requeue(queue, execution, job)
      logger.warn({ executionId: execution.id }, 'reconciler: RUNNING execution had no job; queued again')
    }
    repaired++
  }
  repaired += await queueMissedCallbacks(context, new Date(now - settings.queuedGraceMs))
  return repaired
}

/** Callbacks of runs that ended while their callback could not be queued (Redis away, a worker killed then). */
async function queueMissedCallbacks({ db, logger, webhooks }: EndingContext, endedBefore: Date): Promise<number> {
  if (!webhooks) return 0
  let queued = 0
  for (const executionId of await findUnqueuedCallbacksBefore(db, endedBefore, BATCH)) {
    if (await queueCallback(db, webhooks, executionId)) {
      logger.warn({ executionId }, 'reconciler: ended execution had no callback job; queued')
      queued++
    }
  }
  return queued
}

async function isLive(job: Job<ExecutionJobData> | undefined): Promise<boolean> {
  return job ? LIVE_JOB_STATES.has(await job.getState()) : false
}

/** A finished job with the same id would swallow the new one, so it goes first. */
async function requeue(
  queue: Queue<ExecutionJobData>,
  execution: Execution,
  stale: Job<ExecutionJobData> | undefined,
): Promise<void> {
  if (stale) await stale.remove().catch(() => {})
  await enqueueExecution(queue, execution.id)
}
