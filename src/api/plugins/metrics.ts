import fp from 'fastify-plugin'
import { type ApiMetrics, createApiMetrics } from '../../metrics/api-metrics.ts'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics
  }
}

/** Where a request matched no route: one label value, however many URLs clients invent. */
const UNMATCHED_ROUTE = '(unmatched)'

/** Prometheus metrics of this replica at GET /metrics: request durations, rejections, the queue's depth. */
export default fp(
  async (app) => {
    const metrics = createApiMetrics(
      (...states) =>
        app.executionsQueue.getJobCounts(...(states as Parameters<typeof app.executionsQueue.getJobCounts>)),
      (error) => app.log.debug({ err: error }, 'queue depth unknown for /metrics'),
    )
    app.decorate('metrics', metrics)
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE
      metrics.requestFinished(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
    })
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.registry.contentType)
      return metrics.registry.metrics()
    })
  },
  { name: 'metrics', dependencies: ['executions-queue'] },
)
