import { type Job, Worker } from 'bullmq'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { createDatabase } from '../db/connection.ts'
import { eventStreamSettingsFrom } from '../events/publisher.ts'
import { logErrorsOf } from '../logging.ts'
import { createWorkerMetrics } from '../metrics/worker-metrics.ts'
import { createWorkerConnection } from '../queue/connections.ts'
import { createExecutionsQueue, type ExecutionJobData, queueSettingsFrom } from '../queue/executions-queue.ts'
import { BackgroundRemovals } from '../sandbox/background-removals.ts'
import { SELF_DESTRUCT_GRACE_MS } from '../sandbox/container-spec.ts'
import { createDockerClient } from '../sandbox/docker-client.ts'
import { EngineEvents } from '../sandbox/engine-events.ts'
import { assertEngineHasRuntime, engineIdentity, engineInfo } from '../sandbox/engine-info.ts'
import { sandboxSettingsFrom } from '../sandbox/settings-from-config.ts'
import { WarmPool } from '../sandbox/warm-pool.ts'
import { isPoolOn, warmPoolSettingsFrom } from '../sandbox/warm-pool-settings.ts'
import { startDeliveryWorker } from '../webhooks/delivery-worker.ts'
import { createWebhooksQueue, webhookQueueSettingsFrom } from '../webhooks/webhooks-queue.ts'
import { startEngineGate } from './engine-gate.ts'
import { type EndingContext, endWithInternalError, jobGaveUp } from './execution-ending.ts'
import { type ExecutionJobDeps, handleExecutionJob } from './handle-execution-job.ts'
import { startHealthServer } from './health-server.ts'
import { newWorkerId, reapLeftovers } from './leftover-reaper.ts'
import { LiveRuns } from './live-runs.ts'
import { livenessSettings, stalledCheckEveryMs, startLiveness } from './liveness.ts'
import { startPeriodic } from './periodic.ts'
import { reconcile } from './reconciler.ts'
import { reportLanguageVersions } from './report-language-versions.ts'
import { startRetention } from './retention.ts'

export interface RunningWorker {
  id: string
  /** How long close() may take: by then waits for PostgreSQL have given up (the process should exit regardless). */
  drainDeadlineMs: number
  /** Stops taking jobs, lets the runs in hand finish, then releases every resource. */
  close(): Promise<void>
}

/** Past the run limit, what a run in hand may still need: container start, kill and exit, output drain, the write. */
const DRAIN_MARGIN_MS = 30_000
/** How often a worker checks that its Docker engine answers (it takes no runs while it does not). */
const ENGINE_CHECK_EVERY_MS = 5000

export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  const id = newWorkerId(config.QUEUE_NAME)
  const log = logger.child({ workerId: id })
  const docker = createDockerClient()
  const settings = sandboxSettingsFrom(config)
  // Before any connection is opened: a worker that cannot run a sandbox does not start.
  const engine = await engineInfo(docker)
  assertEngineHasRuntime(engine, settings.runtime)
  const db = createDatabase({
    connectionString: config.DATABASE_URL,
    maxConnections: config.WORKER_CONCURRENCY + 2,
    logger: log,
  })
  const redis = createWorkerConnection(config.REDIS_URL, log)

  const engineId = engineIdentity(engine)
  await reportLanguageVersions(docker, db, settings, log)
  const liveness = await startLiveness(
    livenessSettings({
      redisUrl: config.REDIS_URL,
      queueName: config.QUEUE_NAME,
      workerId: id,
      lockDurationMs: config.LOCK_DURATION_MS,
      stallLimitMs: config.EVENT_LOOP_STALL_LIMIT_MS,
      logLevel: config.LOG_LEVEL,
    }),
  )
  const queue = createExecutionsQueue(redis, queueSettingsFrom(config), log)
  const reconcilerSettings = {
    queuedGraceMs: config.QUEUED_GRACE_MS,
    runningGraceMs: config.RUN_TIMEOUT_MS + Math.max(config.RUNNING_MARGIN_MS, SELF_DESTRUCT_GRACE_MS),
    maxStarts: config.MAX_STARTS,
  }
  const stopping = new AbortController()
  const drainOver = new AbortController()
  const metrics = createWorkerMetrics()
  const webhooks = createWebhooksQueue(redis, webhookQueueSettingsFrom(config), log)
  const ending: EndingContext = { db, logger: log, signal: drainOver.signal, metrics, webhooks }
  const stopChores = [
    startPeriodic(
      'reap leftovers',
      () => reapLeftovers(docker, redis, config.QUEUE_NAME, id, log),
      config.REAP_EVERY_MS,
      log,
    ),
    startPeriodic('reconcile', () => reconcile(ending, queue, reconcilerSettings), config.RECONCILE_EVERY_MS, log),
    startRetention(db, config, log),
  ]

  const liveRuns = new LiveRuns(config.REDIS_URL, eventStreamSettingsFrom(config), db, log)
  const engineEvents = await EngineEvents.start(docker, id, log)
  const poolSettings = warmPoolSettingsFrom(config, id)
  const pool = isPoolOn(poolSettings) ? new WarmPool(docker, settings, poolSettings, log) : undefined
  pool?.start()
  if (pool) metrics.watchPool(pool)
  const removals = new BackgroundRemovals()
  const deps: ExecutionJobDeps = {
    pool,
    removals,
    liveRuns,
    engineEvents,
    metrics,
    webhooks,
    db,
    docker,
    settings,
    workerId: id,
    engineId,
    logger: log,
    maxStarts: config.MAX_STARTS,
    stopping: stopping.signal,
    drainOver: drainOver.signal,
  }
  const jobsConnection = createWorkerConnection(config.REDIS_URL, log)
  const worker = new Worker<ExecutionJobData>(
    config.QUEUE_NAME,
    async (job: Job<ExecutionJobData>, token?: string) => {
      if (job.id !== undefined && token !== undefined) liveness.track(job.id, token)
      try {
        return await handleExecutionJob(job, deps)
      } finally {
        if (job.id !== undefined) liveness.untrack(job.id)
      }
    },
    {
      connection: jobsConnection,
      concurrency: config.WORKER_CONCURRENCY,
      // The liveness thread renews the locks, so that a busy event loop here does not lose them.
      skipLockRenewal: true,
      // A killed worker's jobs come back after at most lockDuration + stalledInterval.
      lockDuration: config.LOCK_DURATION_MS,
      stalledInterval: stalledCheckEveryMs(config.LOCK_DURATION_MS),
      // Each stall is a start that died with its worker: the start cap, checked at the claim, normally ends it first.
      maxStalledCount: config.MAX_STARTS,
    },
  )
  worker.on('error', logErrorsOf('queue worker', log))
  const stopDeliveries = startDeliveryWorker(config, db, log)
  const stopEngineGate = startEngineGate(docker, worker, ENGINE_CHECK_EVERY_MS, log)
  // A job BullMQ gives up on (tries spent, stalled too often) ends its execution rather than leaving it stuck.
  const endings = new Set<Promise<unknown>>()
  worker.on('failed', (job, error) => {
    if (!job) return
    const { executionId } = job.data
    const gaveUp = jobGaveUp(job)
    log.warn({ executionId, jobTry: job.attemptsMade, err: error, gaveUp }, 'job failed')
    if (!gaveUp) return
    const written = endWithInternalError(ending, executionId, `job failed for good: ${error.message}`)
      .catch((writeError) => log.error({ err: writeError, executionId }, 'internal_error not written'))
      .finally(() => endings.delete(written))
    endings.add(written)
  })
  const healthServer =
    config.WORKER_HEALTH_PORT > 0
      ? await startHealthServer(
          config.HOST,
          config.WORKER_HEALTH_PORT,
          { postgres: () => sql`select 1`.execute(db), redis: () => redis.ping(), docker: () => docker.ping() },
          log,
          metrics.registry,
        )
      : undefined
  log.info(
    { queue: config.QUEUE_NAME, concurrency: config.WORKER_CONCURRENCY, healthPort: config.WORKER_HEALTH_PORT || null },
    'worker started',
  )

  const drainDeadlineMs = config.RUN_TIMEOUT_MS + DRAIN_MARGIN_MS
  return {
    id,
    drainDeadlineMs,
    async close() {
      log.info({ drainDeadlineMs }, 'worker draining')
      // Runs in hand go on to the end; waits before a run give up at once, waits to write at the deadline.
      stopping.abort()
      stopEngineGate()
      const deadline = setTimeout(() => drainOver.abort(), drainDeadlineMs)
      await worker.close()
      await pool?.close()
      await removals.drain()
      await Promise.all(endings)
      clearTimeout(deadline)
      await stopDeliveries()
      healthServer?.close()
      for (const stop of stopChores) stop()
      await queue.close()
      await webhooks.close()
      await liveness.stop()
      // BullMQ leaves connections it was given open.
      await jobsConnection.quit().catch(() => {})
      await redis.quit().catch(() => {})
      await liveRuns.close()
      await engineEvents.close()
      await db.destroy()
      log.info('worker stopped')
    },
  }
}
