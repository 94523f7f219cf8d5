import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { ApiError } from '../errors.ts'
import { errorResponses } from '../schemas/common.ts'
import { HealthSchema, ReadySchema } from '../schemas/health.ts'
import { withTimeout } from '../timeout.ts'

const CHECK_TIMEOUT_MS = 1500

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Liveness: the process answers. No dependency is checked, so an outage never gets the API restarted.
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  )

  // Readiness: whether this replica can serve now, i.e. reach PostgreSQL and Redis.
  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: PostgreSQL and Redis reachable',
        response: { 200: ReadySchema, ...errorResponses('unavailable') },
      },
    },
    async (request) => {
      const [postgres, redis] = await Promise.allSettled([
        withTimeout(sql`select 1`.execute(app.db), CHECK_TIMEOUT_MS, 'postgres'),
        withTimeout(app.redis.ping(), CHECK_TIMEOUT_MS, 'redis'),
      ])
      const failed = [
        ...(postgres.status === 'rejected' ? [{ name: 'postgres', reason: postgres.reason }] : []),
        ...(redis.status === 'rejected' ? [{ name: 'redis', reason: redis.reason }] : []),
      ]
      if (failed.length > 0) {
        request.log.warn({ failed: failed.map(({ name, reason }) => ({ name, reason: String(reason) })) }, 'not ready')
        throw new ApiError('unavailable', `not ready: ${failed.map(({ name }) => `${name} unreachable`).join(', ')}`)
      }
      return { status: 'ready' as const, checks: { postgres: 'ok' as const, redis: 'ok' as const } }
    },
  )
}

export default healthRoutes
