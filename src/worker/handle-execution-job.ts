import { setTimeout as sleep } from 'node:timers/promises'
import type { Job } from 'bullmq'
import type Docker from 'dockerode'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { markFinished, markInternalError, markRequeued } from '../db/executions-repository.ts'
import type { Database, Execution } from '../db/types.ts'
import type { ExecutionJobData } from '../queue/executions-queue.ts'
import { SELF_DESTRUCT_GRACE_MS } from '../sandbox/container-spec.ts'
import { runInSandbox } from '../sandbox/docker-runner.ts'
import { removeSandboxContainers } from '../sandbox/leftovers.ts'
import type { SandboxSettings } from '../sandbox/types.ts'
import { isUnavailableError } from '../unavailable.ts'
import { claimOnceVisible, type PreviousAttempt, takeOverDelayMs } from './claim-execution.ts'
import { toExecutionOutcome } from './outcome.ts'
import { persistWithRetry } from './persist-with-retry.ts'

export interface ExecutionJobDeps {
  db: Kysely<Database>
  docker: Docker
  settings: SandboxSettings
  workerId: string
  /** The Docker engine this worker runs containers on (`docker info` ID). */
  engineId: string
  logger: Logger
  /** How many times one execution may be started, platform retries and dead workers' runs included. */
  maxStarts: number
  /** Aborted when the worker shuts down: a claim waiting for PostgreSQL gives up (the job is handed back). */
  signal?: AbortSignal
}

export class ExecutionNotVisibleError extends Error {
  override name = 'ExecutionNotVisibleError'
}

/**
 * The dead holder's container must not go on running beside the new one. On this engine it is removed at
 * once; on another engine, out of reach, it is waited out (it kills itself at its limit plus a grace).
 */
async function outliveDeadHolder(
  previous: PreviousAttempt,
  execution: Execution,
  deps: ExecutionJobDeps,
  logger: Logger,
): Promise<void> {
  await removeSandboxContainers(deps.docker, { executionIds: [execution.id] })
  if (previous.engineId === deps.engineId || !execution.started_at) return
  const lifetimeMs = deps.settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS
  const waitMs = takeOverDelayMs(previous.startedAt, execution.started_at, lifetimeMs)
  if (waitMs === 0) return
  logger.info({ waitMs }, 'take-over waits for the dead holder’s container to end by itself')
  // A shutdown meanwhile throws: the job goes back to the queue, and the next holder takes over in turn.
  await sleep(waitMs, undefined, deps.signal ? { signal: deps.signal } : undefined)
}

/** Carries out one execution: claim it, run it in a fresh container, write the terminal state. */
export async function handleExecutionJob(job: Job<ExecutionJobData>, deps: ExecutionJobDeps): Promise<void> {
  const { db } = deps
  const { executionId } = job.data
  const logger = deps.logger.child({ executionId, jobAttempt: job.attemptsMade + 1 })

  // While PostgreSQL is away the claim waits for it (the job's lock is kept alive meanwhile) rather than
  // failing the job: failures would spend the job's tries on an outage and leave the run to the reconciler.
  const claim = await persistWithRetry(
    () => claimOnceVisible(db, executionId, { maxStarts: deps.maxStarts, engineId: deps.engineId }),
    logger,
    deps.signal,
    5000,
    isUnavailableError,
  )
  if (claim.kind === 'missing') throw new ExecutionNotVisibleError(`execution ${executionId} is not in the database`)
  if (claim.kind === 'finished') {
    logger.info('execution already terminal; job ignored')
    return
  }
  if (claim.kind === 'exhausted') {
    logger.error({ starts: claim.execution.attempts }, 'execution started too many times; ending it')
    await persistWithRetry(() => markInternalError(db, executionId), logger)
    return
  }

  const { execution } = claim
  const attempt = execution.attempts
  const tookOver = claim.previous !== null
  if (claim.previous) await outliveDeadHolder(claim.previous, execution, deps, logger)
  logger.info({ language: execution.language, attempt, tookOver }, 'execution started')
  let outcome: Awaited<ReturnType<typeof runInSandbox>>
  try {
    outcome = await runInSandbox(
      deps.docker,
      deps.settings,
      {
        executionId,
        language: execution.language,
        sourceCode: execution.source_code,
        stdin: execution.stdin,
      },
      { workerId: deps.workerId, logger },
    )
  } catch (error) {
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || attempt >= deps.maxStarts
    logger.error({ err: error, lastTry }, 'sandbox failed')
    if (lastTry) {
      await persistWithRetry(() => markInternalError(db, executionId), logger)
      return
    }
    await persistWithRetry(() => markRequeued(db, executionId, attempt), logger)
    throw error // BullMQ retries it with backoff
  }

  const written = await persistWithRetry(
    () => markFinished(db, executionId, attempt, toExecutionOutcome(outcome)),
    logger,
  )
  logger.info(
    { status: outcome.status, failureReason: outcome.failureReason, durationMs: outcome.durationMs, written },
    written ? 'execution finished' : 'outcome dropped: another attempt owns this execution',
  )
}
