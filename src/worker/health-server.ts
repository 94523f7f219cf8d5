import { createServer, type Server } from 'node:http'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { errorBody } from '../api/errors.ts'
import { checkReadiness, type DependencyChecks, readyBody } from '../readiness.ts'

/**
 * A worker's /health (the process answers) and /ready (it reaches PostgreSQL, Redis and Docker), for an
 * orchestrator's probes, answered in the API's shapes; and /metrics, for Prometheus.
 */
export async function startHealthServer(
  host: string,
  port: number,
  checks: DependencyChecks,
  logger: Logger,
  metrics?: Registry,
): Promise<Server> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (request.method === 'GET' && request.url === '/health') return send(200, { status: 'ok' })
    if (metrics && request.method === 'GET' && request.url === '/metrics')
      return response.writeHead(200, { 'content-type': metrics.contentType }).end(await metrics.metrics())
    if (request.method !== 'GET' || request.url !== '/ready') return send(404, errorBody('not_found'))
    const { ready, failed, message } = await checkReadiness(checks)
    if (ready) return send(200, readyBody(Object.keys(checks)))
    logger.warn({ failed }, 'not ready')
    return send(503, errorBody('unavailable', message))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return server
}
