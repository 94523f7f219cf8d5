import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { ApiError } from '../errors.ts'

/**
 * Rate limits live in Redis, so that every API replica counts against the same budget. Off by default:
 * a route opts in with `config.rateLimit`. When Redis cannot be reached the limiter fails the request
 * (a 503 through the error handler) rather than letting it through uncounted.
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      redis: app.redis,
      nameSpace: `livecode:${app.config.QUEUE_NAME}:rate-limit:`,
      skipOnError: false,
      errorResponseBuilder: (_request, context) =>
        new ApiError('rate_limited', `too many runs: at most ${context.max} a minute; retry in ${context.after}`),
    })
  },
  { name: 'rate-limit', dependencies: ['config', 'redis'] },
)
