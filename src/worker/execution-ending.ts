import type { Job, Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import {
  cancelQueued,
  type ExecutionOutcome,
  markFinished,
  markInternalError,
  markRequeued,
} from '../db/executions-repository.ts'
import { recordCaseResults } from '../db/test-cases-repository.ts'
import type { Database, Execution } from '../db/types.ts'
import type { LanguageId } from '../languages.ts'
import type { WorkerMetrics } from '../metrics/worker-metrics.ts'
import type { ExecutionJobData } from '../queue/executions-queue.ts'
import type { SandboxOutcome } from '../sandbox/types.ts'
import { withTimeout } from '../timeout.ts'
import { queueCallback } from '../webhooks/queue-callback.ts'
import type { CallbackJobData } from '../webhooks/webhooks-queue.ts'
import { retryWhileUnavailable } from './retry-while-unavailable.ts'

// The one owner of how an execution ends: every decision to end a run (or to let it be tried again) and every
// terminal write is here. The job handler, the reconciler, the worker's `failed` listener and the API's cancel all
// call it; every ending then calls `announceEnding`, which queues the run's callback if it has one.
// Two counters, each with one name in code and logs: `jobTry` (BullMQ's try of the job, from 1, capped by
// JOB_ATTEMPTS) and `start` (the execution's starts, the row's `attempts`, capped by MAX_STARTS).

/** Has the execution been started as often as it may be? Then it is ended, not started again. */
export function startsSpent(start: number, maxStarts: number): boolean {
  return start >= maxStarts
}

export interface Tries {
  jobTry: number
  jobTries: number
  start: number
  maxStarts: number
}

/** After the sandbox failed on the platform's account: hand the run back for another try, or end it. */
export function afterPlatformFailure(tries: Tries): 'retry' | 'end' {
  return tries.jobTry >= tries.jobTries || startsSpent(tries.start, tries.maxStarts) ? 'end' : 'retry'
}

/** BullMQ has given up on the job (tries spent, stalled too often, or unrecoverable): its run must end. */
export function jobGaveUp(job: Job<ExecutionJobData>): boolean {
  return Boolean(job.finishedOn) || job.attemptsMade >= (job.opts.attempts ?? 1)
}

export interface EndingContext {
  db: Kysely<Database>
  logger: Logger
  /** Aborted when the worker stops waiting for PostgreSQL (its drain deadline). */
  signal: AbortSignal
  /** Counts every ending written here (Prometheus); absent in tests that do not look. */
  metrics?: WorkerMetrics | undefined
  /** Where a run's callback is queued once it has ended; absent in tests that do not look. */
  webhooks?: Queue<CallbackJobData> | undefined
}

/** Longest an ending waits to queue its callback before leaving it to the reconciler. */
const ANNOUNCE_TIMEOUT_MS = 5000

/** Writes what the program did, for the start that is still current; false when another start owns the run. */
export async function endWithOutcome(
  context: EndingContext,
  execution: { id: string; language: LanguageId },
  start: number,
  outcome: SandboxOutcome,
): Promise<boolean> {
  const { db, logger, signal, metrics } = context
  const { testResults } = outcome
  const written = await retryWhileUnavailable(
    () =>
      testResults
        ? db.transaction().execute(async (trx) => {
            const ended = await markFinished(trx, execution.id, start, toExecutionOutcome(outcome))
            if (ended) await recordCaseResults(trx, execution.id, testResults)
            return ended
          })
        : markFinished(db, execution.id, start, toExecutionOutcome(outcome)),
    logger,
    signal,
  )
  if (written) {
    metrics?.finished(execution.language, outcome.status, outcome.failureReason, outcome.durationMs)
    announceEnding(context, execution.id)
  }
  logger.info(
    { status: outcome.status, failureReason: outcome.failureReason, durationMs: outcome.durationMs, written },
    written ? 'execution finished' : 'outcome dropped: another start owns this execution',
  )
  return written
}

/** Ends a run the platform gives up on with FAILED/internal_error; false when it had already ended. */
export async function endWithInternalError(context: EndingContext, executionId: string, why: string): Promise<boolean> {
  const { db, logger, signal, metrics } = context
  const language = await retryWhileUnavailable(() => markInternalError(db, executionId), logger, signal)
  if (language === null) return false
  logger.error({ executionId, why }, 'execution ended: internal_error')
  metrics?.finished(language, 'FAILED', 'internal_error', null)
  announceEnding(context, executionId)
  return true
}

/**
 * A client's cancel of a run no worker has started: QUEUED → FAILED/cancelled at once, and no claim (which needs
 * QUEUED) starts it after. Undefined when it was not QUEUED. Not retried while PostgreSQL is away: the client is
 * there to be told 503 and to try again.
 */
export async function endCancelledWhileQueued(
  context: Pick<EndingContext, 'db' | 'webhooks'> & { logger: Pick<Logger, 'info' | 'warn'> },
  executionId: string,
): Promise<Execution | undefined> {
  const ended = await cancelQueued(context.db, executionId)
  if (ended) {
    context.logger.info({ executionId }, 'execution ended: cancelled while queued')
    announceEnding(context, executionId)
  }
  return ended
}

/**
 * After a run has ended (whoever ended it): its callback, if it has one, is queued for delivery. In the
 * background and bounded, so that the ending never waits on it; what fails here the reconciler queues later.
 */
export function announceEnding(
  { db, logger, webhooks }: Pick<EndingContext, 'db' | 'webhooks'> & { logger: Pick<Logger, 'info' | 'warn'> },
  executionId: string,
): void {
  if (!webhooks) return
  withTimeout(queueCallback(db, webhooks, executionId), ANNOUNCE_TIMEOUT_MS, 'queue callback').then(
    (queued) => queued && logger.info({ executionId }, 'callback queued'),
    (error) => logger.warn({ err: error, executionId }, 'callback not queued; the reconciler will'),
  )
}

/** RUNNING → QUEUED for the current start, so that the next try (or a requeued job) may start it again. */
export async function handBack({ db, logger, signal }: EndingContext, executionId: string, start: number) {
  return retryWhileUnavailable(() => markRequeued(db, executionId, start), logger, signal)
}

/** The sandbox's camelCase outcome as the executions row stores it. */
function toExecutionOutcome(outcome: SandboxOutcome): ExecutionOutcome {
  return {
    status: outcome.status,
    failure_reason: outcome.failureReason,
    exit_code: outcome.exitCode,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    stdout_truncated: outcome.stdoutTruncated,
    stderr_truncated: outcome.stderrTruncated,
    duration_ms: outcome.durationMs,
    cpu_time_ms: outcome.cpuTimeMs,
    peak_memory_bytes: outcome.peakMemoryBytes,
  }
}
