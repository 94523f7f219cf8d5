import { type Job, type Queue, UnrecoverableError } from 'bullmq'
import type Docker from 'dockerode'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { testCasesOf } from '../db/test-cases-repository.ts'
import type { Database, Execution } from '../db/types.ts'
import { presentTestResult, withResult } from '../judge/present-test-result.ts'
import type { WorkerMetrics } from '../metrics/worker-metrics.ts'
import type { ExecutionJobData } from '../queue/executions-queue.ts'
import type { BackgroundRemovals } from '../sandbox/background-removals.ts'
import { runInSandbox } from '../sandbox/docker-runner.ts'
import type { EngineEvents } from '../sandbox/engine-events.ts'
import { removeSandboxContainers } from '../sandbox/leftovers.ts'
import { SandboxPlatformError, type SandboxSettings } from '../sandbox/types.ts'
import type { WarmPool } from '../sandbox/warm-pool.ts'
import type { CallbackJobData } from '../webhooks/webhooks-queue.ts'
import { claimOnceVisible } from './claim-execution.ts'
import {
  afterPlatformFailure,
  type EndingContext,
  endWithInternalError,
  endWithOutcome,
  handBack,
} from './execution-ending.ts'
import type { LiveRuns } from './live-runs.ts'
import { retryWhileUnavailable } from './retry-while-unavailable.ts'

export interface ExecutionJobDeps {
  /** Given: containers are removed after the job is done with them (the worker drains these before it exits). */
  removals?: BackgroundRemovals
  db: Kysely<Database>
  docker: Docker
  settings: SandboxSettings
  workerId: string
  /** The Docker engine this worker runs containers on (`docker info` ID). */
  engineId: string
  logger: Logger
  /** MAX_STARTS: how many times one execution may be started, platform retries and dead workers' runs included. */
  maxStarts: number
  /** Aborted when the worker starts to drain: waits before a run (a claim, a take-over) give up; the job goes back. */
  stopping: AbortSignal
  /** Aborted at the drain deadline: writes of what runs in hand did stop waiting for PostgreSQL. */
  drainOver: AbortSignal
  /** What the engine did to this worker's containers: a run the engine killed is retried, not blamed on the program. */
  engineEvents?: EngineEvents
  /** Publishes runs' events and hears cancels; absent in tests that need neither. */
  liveRuns?: LiveRuns
  /** Containers created ahead; absent: every run creates its own. */
  pool?: WarmPool | undefined
  /** Prometheus counters and histograms of this worker; absent in tests that do not look. */
  metrics?: WorkerMetrics
  /** Where callbacks of ended runs are queued; absent in tests that do not look. */
  webhooks?: Queue<CallbackJobData>
}

class ExecutionNotVisibleError extends Error {
  override name = 'ExecutionNotVisibleError'
}

/** Carries out one execution: claim it, run it in a fresh container, and have its ending written. */
export async function handleExecutionJob(job: Job<ExecutionJobData>, deps: ExecutionJobDeps): Promise<void> {
  const { executionId } = job.data
  const jobTry = job.attemptsMade + 1
  const logger = deps.logger.child({ executionId, jobTry })
  const ending: EndingContext = {
    db: deps.db,
    logger,
    signal: deps.drainOver,
    metrics: deps.metrics,
    webhooks: deps.webhooks,
  }

  // While PostgreSQL is away the claim waits for it (the job's lock is kept alive meanwhile) rather than
  // failing the job: failures would spend the job's tries on an outage and leave the run to the reconciler.
  const claim = await retryWhileUnavailable(
    () => claimOnceVisible(deps.db, executionId, { maxStarts: deps.maxStarts, engineId: deps.engineId }),
    logger,
    deps.stopping,
  )
  if (claim.kind === 'missing') throw new ExecutionNotVisibleError(`execution ${executionId} is not in the database`)
  if (claim.kind === 'finished') return logger.info('execution already terminal; job ignored')
  if (claim.kind === 'exhausted') {
    await endWithInternalError(ending, executionId, `started ${claim.execution.attempts} times already`)
    throw new UnrecoverableError('execution started too many times')
  }

  const { execution, previous } = claim
  const start = execution.attempts
  const runLogger = logger.child({ start })
  if (start === 1 && execution.started_at)
    deps.metrics?.started(execution.language, execution.queued_at, execution.started_at)
  if (previous) await outliveDeadHolder(execution, deps)
  // A take-over says where and when the dead holder had started it.
  runLogger.info({ language: execution.language, tookOverFrom: previous }, 'execution started')
  const live = deps.liveRuns?.begin(execution)
  let liveEnded = false
  const endLive = async () => {
    if (liveEnded) return
    liveEnded = true
    await live?.end()
  }
  try {
    const cases = await retryWhileUnavailable(() => testCasesOf(deps.db, execution), runLogger, deps.stopping)
    const testCases = cases.map((testCase) => ({
      stdin: testCase.stdin,
      expectedStdout: testCase.expected_stdout,
      timeLimitMs: testCase.time_limit_ms,
    }))
    const request = { executionId, language: execution.language, sourceCode: execution.source_code }
    await runInSandbox(
      deps.docker,
      deps.settings,
      {
        ...request,
        stdin: execution.stdin,
        testCases,
        compare: execution.compare ?? undefined,
        interactive: execution.interactive,
      },
      {
        workerId: deps.workerId,
        logger: runLogger,
        cancel: live?.cancel,
        onOutput: live?.onOutput,
        input: live?.input,
        onCase: (result) => {
          const testCase = cases[result.index]
          if (testCase) live?.onCase(presentTestResult(withResult(testCase, result), true))
        },
        engineEvents: deps.engineEvents,
        pool: deps.pool,
        removals: deps.removals,
        // Written while the container still exists: a removal that hangs or fails never holds the outcome up.
        // All output is on the event stream before the end is written (the end is what closes the stream).
        record: async (outcome) => {
          await endLive()
          await endWithOutcome({ ...ending, logger: runLogger }, execution, start, outcome)
        },
      },
    )
  } catch (error) {
    await endLive()
    // Only the sandbox's failures are the platform's to retry; the outcome's own write passes on as it is.
    if (!(error instanceof SandboxPlatformError)) throw error
    const next = afterPlatformFailure({ jobTry, jobTries: job.opts.attempts ?? 1, start, maxStarts: deps.maxStarts })
    runLogger.error({ err: error, next }, 'sandbox failed')
    deps.metrics?.sandboxFailed(execution.language)
    if (next === 'end') {
      await endWithInternalError({ ...ending, logger: runLogger }, executionId, 'platform failure on its last try')
      throw new UnrecoverableError(`sandbox failed on the last try: ${String(error)}`)
    }
    await handBack({ ...ending, logger: runLogger }, executionId, start)
    throw error // BullMQ retries it with backoff
  }
}

/**
 * The dead holder's container must not go on running beside the new one. Its runner ended it already when its
 * worker went (the engine closed its stdin: images/runner); on this engine it is removed besides, at once. A
 * worker whose event loop stalled past its limit kills itself (liveness-thread.ts), so that it is gone too.
 */
async function outliveDeadHolder(execution: Execution, deps: ExecutionJobDeps): Promise<void> {
  await removeSandboxContainers(deps.docker, { executionIds: [execution.id] })
}
