import { createServer, type Server } from 'node:http'
import type { Logger } from 'pino'
import { checkReadiness, type DependencyChecks } from '../readiness.ts'

const NOT_FOUND = { error: { code: 'not_found', message: 'not found' } }

/**
 * A worker's /health (the process answers) and /ready (it reaches PostgreSQL, Redis and Docker), for an
 * orchestrator's probes. Answers in the API's shapes.
 */
export async function startHealthServer(
  host: string,
  port: number,
  checks: DependencyChecks,
  logger: Logger,
): Promise<Server> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (request.method === 'GET' && request.url === '/health') return send(200, { status: 'ok' })
    if (request.method !== 'GET' || request.url !== '/ready') return send(404, NOT_FOUND)
    const { ready, failed, message } = await checkReadiness(checks)
    if (ready)
      return send(200, { status: 'ready', checks: Object.fromEntries(Object.keys(checks).map((name) => [name, 'ok'])) })
    logger.warn({ failed }, 'not ready')
    return send(503, { error: { code: 'unavailable', message } })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return server
}
