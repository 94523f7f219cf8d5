import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { checkReadiness, readyBody } from '../../readiness.ts'
import { ApiError } from '../errors.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { errorResponses } from '../schemas/common.ts'
import { HealthSchema, ReadySchema } from '../schemas/health.ts'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'health')
  // Liveness: the process answers. No dependency is checked, so an outage never gets the API restarted.
  app.get('/health', { schema: { summary: 'Liveness', response: { 200: HealthSchema } } }, async () => ({
    status: 'ok' as const,
  }))

  // Readiness: whether this replica can serve now, i.e. reach PostgreSQL and Redis.
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: PostgreSQL and Redis reachable',
        response: { 200: ReadySchema, ...errorResponses('unavailable') },
      },
    },
    async (request) => {
      const { ready, failed, message } = await checkReadiness({
        postgres: () => sql`select 1`.execute(app.db),
        redis: () => app.redis.ping(),
      })
      if (!ready) {
        request.log.warn({ failed }, 'not ready')
        throw new ApiError('unavailable', message)
      }
      return readyBody(['postgres', 'redis'])
    },
  )
}

export default healthRoutes
