import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { FailureReason, TerminalStatus } from '../execution-states.ts'
import { LANGUAGE_IDS, type LanguageId } from '../languages.ts'

/** Run time (compile included) in seconds: from a hello's fraction of a second to the 30 s wall clock and beyond. */
const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60]
/** Time from the API's 202 to a worker's claim, in seconds: instant when idle, minutes behind a backlog. */
const QUEUE_WAIT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]

/** What a worker tells Prometheus (served on its health port at /metrics). One registry per worker. */
export interface WorkerMetrics {
  registry: Registry
  /** A run was claimed: how long it waited in the queue since the API accepted it. */
  started(language: string, queuedAt: Date, startedAt: Date): void
  /** This worker wrote a terminal state; the duration is the run's own (null where nothing ran). */
  finished(
    language: string,
    status: TerminalStatus,
    failureReason: FailureReason | null,
    durationMs: number | null,
  ): void
  /** The sandbox could not be run (container create/start/attach, the engine): a platform failure, retried. */
  sandboxFailed(language: string): void
  /** Reports the warm pool's stock and takes at each scrape (a worker without a pool never calls it). */
  watchPool(pool: PoolReadings): void
}

/** What the metrics read of a warm pool when scraped. */
export interface PoolReadings {
  readyCount(language: LanguageId): number
  readonly hits: number
  readonly misses: number
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry()
  const finished = new Counter({
    name: 'livecode_executions_finished_total',
    help: 'Executions this worker brought to a terminal state, by language, status and failure reason',
    labelNames: ['language', 'status', 'failure_reason'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'livecode_execution_duration_seconds',
    help: 'Wall time of finished runs in their sandbox (compile included), by language',
    labelNames: ['language'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  })
  const queueWait = new Histogram({
    name: 'livecode_queue_wait_seconds',
    help: 'Time from the API accepting a run to a worker starting it, by language',
    labelNames: ['language'] as const,
    buckets: QUEUE_WAIT_BUCKETS,
    registers: [registry],
  })
  const sandboxFailures = new Counter({
    name: 'livecode_sandbox_start_failures_total',
    help: 'Sandbox runs that failed on the platform side (container create/start/attach, Docker errors), by language',
    labelNames: ['language'] as const,
    registers: [registry],
  })
  return {
    registry,
    started(language, queuedAt, startedAt) {
      queueWait.observe({ language }, Math.max(0, startedAt.getTime() - queuedAt.getTime()) / 1000)
    },
    finished(language, status, failureReason, durationMs) {
      finished.inc({ language, status, failure_reason: failureReason ?? 'none' })
      if (durationMs !== null) duration.observe({ language }, durationMs / 1000)
    },
    sandboxFailed(language) {
      sandboxFailures.inc({ language })
    },
    watchPool(pool) {
      new Gauge({
        name: 'livecode_warm_pool_ready',
        help: 'Warm containers started ahead and waiting for a run, by language',
        labelNames: ['language'] as const,
        registers: [registry],
        collect() {
          for (const language of LANGUAGE_IDS) this.set({ language }, pool.readyCount(language))
        },
      })
      new Counter({
        name: 'livecode_warm_pool_takes_total',
        help: 'Runs that asked the warm pool for a container: hit (a warm one) or miss (a fresh one was created)',
        labelNames: ['result'] as const,
        registers: [registry],
        collect() {
          this.reset()
          this.inc({ result: 'hit' }, pool.hits)
          this.inc({ result: 'miss' }, pool.misses)
        },
      })
    },
  }
}
