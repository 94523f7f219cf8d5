import type { ServerOptions } from 'node:http'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from '../config.ts'
import { loggerOptions } from '../logging.ts'
import { answerClientError } from './client-errors.ts'
import { registerErrorHandlers } from './errors.ts'
import { bodyLimitFor } from './payload-limits.ts'
import canonicalIdsPlugin from './plugins/canonical-ids.ts'
import clientsPlugin from './plugins/clients.ts'
import configPlugin from './plugins/config.ts'
import databasePlugin from './plugins/database.ts'
import executionsQueuePlugin from './plugins/executions-queue.ts'
import liveRunsPlugin from './plugins/live-runs.ts'
import metricsPlugin from './plugins/metrics.ts'
import playgroundPlugin from './plugins/playground.ts'
import rateLimitPlugin from './plugins/rate-limit.ts'
import redisPlugin from './plugins/redis.ts'
import swaggerPlugin from './plugins/swagger.ts'
import webhooksQueuePlugin from './plugins/webhooks-queue.ts'
import { OneLinePerRequest } from './request-logging.ts'
import deliveriesRoutes from './routes/deliveries.ts'
import executionsRoutes from './routes/executions.ts'
import healthRoutes from './routes/health.ts'
import inputRoutes from './routes/input.ts'
import languagesRoutes from './routes/languages.ts'
import liveRunsRoutes from './routes/live-runs.ts'
import sessionsRoutes from './routes/sessions.ts'
import { trustProxyOption } from './trust-proxy.ts'
import { formatValidationErrors, validatorCompiler } from './validation.ts'

export interface BuildAppOptions {
  config: Config
  /** Fastify's logger setting; by default pino at LOG_LEVEL with secrets redacted. Tests pass `false`. */
  logger?: FastifyServerOptions['logger']
}

/** The whole API, ready to listen or to take `inject`ed requests. Closing it closes every connection it opened. */
export async function buildApp({ config, logger = loggerOptions(config) }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    logController: new OneLinePerRequest(),
    bodyLimit: bodyLimitFor(config),
    // On close, idle keep-alive sockets go at once; requests in flight are answered first.
    forceCloseConnections: 'idle',
    schemaErrorFormatter: formatValidationErrors,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    ...httpTimeouts(config),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  registerErrorHandlers(app)
  acceptEmptyJsonBodies(app)

  await app.register(configPlugin, { config })
  await app.register(databasePlugin)
  await app.register(redisPlugin)
  await app.register(webhooksQueuePlugin)
  await app.register(executionsQueuePlugin)
  await app.register(canonicalIdsPlugin)
  await app.register(metricsPlugin)
  await app.register(clientsPlugin)
  await app.register(rateLimitPlugin)
  await app.register(liveRunsPlugin)
  await app.register(swaggerPlugin)

  await app.register(healthRoutes)
  await app.register(sessionsRoutes)
  await app.register(executionsRoutes)
  await app.register(liveRunsRoutes)
  await app.register(deliveriesRoutes)
  await app.register(inputRoutes)
  await app.register(languagesRoutes)
  await app.register(playgroundPlugin)

  await app.ready()
  return app as unknown as FastifyInstance
}

/**
 * Slow and stuck peers: a request (headers and body) must arrive within HTTP_REQUEST_TIMEOUT_MS, checked
 * often enough that the bound holds (Node checks every 30 s by default); a connection silent for the idle
 * timeout is closed, which must outlast the longest ?wait= (nothing is written while it waits).
 */
function httpTimeouts(config: Config): {
  requestTimeout: number
  connectionTimeout: number
  http: ServerOptions
} {
  const requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS
  return {
    requestTimeout,
    connectionTimeout: Math.max(config.HTTP_IDLE_TIMEOUT_MS, (config.WAIT_MAX_SECONDS + 5) * 1000),
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) },
  }
}

/**
 * `POST /run` takes no body, and some clients still send `Content-Type: application/json` with none:
 * an empty JSON body reads as no body (a route that needs one then fails its schema with a 400).
 */
function acceptEmptyJsonBodies(app: FastifyInstance<any, any, any, any, any>): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined)
      return
    }
    parseJson(request, body as string, done)
  })
}
