import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** Job counts of the executions queue, as BullMQ's Queue#getJobCounts gives them. */
export type JobCounts = (...states: string[]) => Promise<Record<string, number>>

/** What an API replica tells Prometheus (served at its own /metrics). One registry per app. */
export interface ApiMetrics {
  registry: Registry
  /** One answered request: its route template (never the raw URL, whose ids would be unbounded), status, seconds. */
  requestFinished(method: string, route: string, statusCode: number, seconds: number): void
  /** A request refused for a reason the client may wait out (a 429 or 503), by its error code. */
  rejected(code: string): void
}

export function createApiMetrics(jobCounts: JobCounts, onQueueError: (error: unknown) => void): ApiMetrics {
  const registry = new Registry()
  const requests = new Histogram({
    name: 'livecode_http_request_duration_seconds',
    help: 'HTTP requests answered by the API, by method, route template and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const rejections = new Counter({
    name: 'livecode_http_rejections_total',
    help: 'Requests refused with 429 or 503, by error code (rate_limited, too_many_active_runs, overloaded, unavailable)',
    labelNames: ['code'] as const,
    registers: [registry],
  })
  new Gauge({
    name: 'livecode_queue_depth',
    help: 'Runs in the executions queue (the same for every replica: aggregate with max, not sum): waiting (retries in backoff included) and active',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await jobCounts('waiting', 'prioritized', 'delayed', 'active')
        this.set({ state: 'waiting' }, (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0))
        this.set({ state: 'active' }, counts.active ?? 0)
      } catch (error) {
        // Redis is away: no value rather than a stale one, and the rest of the scrape still answers.
        this.reset()
        onQueueError(error)
      }
    },
  })
  return {
    registry,
    requestFinished(method, route, statusCode, seconds) {
      requests.observe({ method, route, status_code: String(statusCode) }, seconds)
    },
    rejected(code) {
      rejections.inc({ code })
    },
  }
}
