import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { type Job, Worker } from 'bullmq'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { createDatabase } from '../db/connection.ts'
import { markInternalError } from '../db/executions-repository.ts'
import { logErrorsOf } from '../logging.ts'
import { createWorkerConnection } from '../queue/connections.ts'
import { createExecutionsQueue, type ExecutionJobData, queueSettingsFrom } from '../queue/executions-queue.ts'
import { SELF_DESTRUCT_GRACE_MS } from '../sandbox/container-spec.ts'
import { createDockerClient } from '../sandbox/docker-client.ts'
import { sandboxSettingsFrom } from '../sandbox/settings-from-config.ts'
import { handleExecutionJob } from './handle-execution-job.ts'
import { startHealthServer } from './health-server.ts'
import { startHeartbeat } from './heartbeat.ts'
import { reapLeftovers, workerIdFor } from './leftover-reaper.ts'
import { startPeriodic } from './periodic.ts'
import { persistWithRetry } from './persist-with-retry.ts'
import { reconcile } from './reconciler.ts'
import { reportLanguageVersions } from './report-language-versions.ts'

export interface RunningWorker {
  id: string
  /** Stops taking jobs, lets the runs in hand finish, then releases every resource. */
  close(): Promise<void>
}

export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  const id = workerIdFor(config.QUEUE_NAME, `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`)
  const log = logger.child({ workerId: id })
  const db = createDatabase({
    connectionString: config.DATABASE_URL,
    maxConnections: config.WORKER_CONCURRENCY + 2,
    logger: log,
  })
  const docker = createDockerClient()
  const settings = sandboxSettingsFrom(config)
  const redis = createWorkerConnection(config.REDIS_URL, log)

  const engineId = (await docker.info()).ID as string
  await reportLanguageVersions(docker, db, settings, log)
  const stopHeartbeat = startHeartbeat(redis, config.QUEUE_NAME, id, config.LOCK_DURATION_MS)
  const queue = createExecutionsQueue(redis, queueSettingsFrom(config), log)
  const reconcilerSettings = {
    queuedGraceMs: config.QUEUED_GRACE_MS,
    runningGraceMs: config.RUN_TIMEOUT_MS + Math.max(config.RUNNING_MARGIN_MS, SELF_DESTRUCT_GRACE_MS),
    maxStarts: config.JOB_ATTEMPTS,
  }
  const stopChores = [
    startPeriodic(
      'reap leftovers',
      () => reapLeftovers(docker, redis, config.QUEUE_NAME, id, log),
      config.REAP_EVERY_MS,
      log,
    ),
    startPeriodic('reconcile', () => reconcile(db, queue, reconcilerSettings, log), config.RECONCILE_EVERY_MS, log),
  ]

  const shutdown = new AbortController()
  const deps = {
    db,
    docker,
    settings,
    workerId: id,
    engineId,
    logger: log,
    maxStarts: config.JOB_ATTEMPTS,
    signal: shutdown.signal,
  }
  const jobsConnection = createWorkerConnection(config.REDIS_URL, log)
  const worker = new Worker<ExecutionJobData>(
    config.QUEUE_NAME,
    (job: Job<ExecutionJobData>) => handleExecutionJob(job, deps),
    {
      connection: jobsConnection,
      concurrency: config.WORKER_CONCURRENCY,
      // A killed worker's jobs come back after at most lockDuration + stalledInterval.
      lockDuration: config.LOCK_DURATION_MS,
      stalledInterval: config.LOCK_DURATION_MS,
      maxStalledCount: config.JOB_ATTEMPTS,
    },
  )
  worker.on('error', logErrorsOf('queue worker', log))
  worker.on('failed', (job, error) => {
    if (!job) return
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || job.finishedOn !== undefined
    log.warn({ executionId: job.data.executionId, err: error, final }, 'job failed')
    // A job BullMQ gives up on (retries spent, or stalled too often) ends its execution rather than leaving it stuck.
    // Retried through a PostgreSQL outage: dropping this write would leave the row to the reconciler.
    if (final)
      void persistWithRetry(() => markInternalError(db, job.data.executionId), log, shutdown.signal).catch(() => {})
  })
  const healthServer =
    config.WORKER_HEALTH_PORT > 0
      ? await startHealthServer(
          config.HOST,
          config.WORKER_HEALTH_PORT,
          { postgres: () => sql`select 1`.execute(db), redis: () => redis.ping(), docker: () => docker.ping() },
          log,
        )
      : undefined
  log.info(
    { queue: config.QUEUE_NAME, concurrency: config.WORKER_CONCURRENCY, healthPort: config.WORKER_HEALTH_PORT || null },
    'worker started',
  )

  return {
    id,
    async close() {
      log.info('worker draining')
      // Runs in hand go on to the end; only waits on an unreachable PostgreSQL for a claim give up.
      shutdown.abort()
      await worker.close()
      healthServer?.close()
      for (const stop of stopChores) stop()
      await queue.close()
      await stopHeartbeat()
      // BullMQ leaves connections it was given open.
      await jobsConnection.quit().catch(() => {})
      await redis.quit().catch(() => {})
      await db.destroy()
      log.info('worker stopped')
    },
  }
}
