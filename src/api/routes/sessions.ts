import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { insertSession, updateSession } from '../../db/sessions-repository.ts'
import { newSessionBudgets } from '../budgets.ts'
import { sessionNotFound } from '../errors.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { visibleSession } from '../ownership.ts'
import { sessionFieldChecks } from '../payload-limits.ts'
import { presentSession } from '../presenters.ts'
import { errorResponses } from '../schemas/common.ts'
import {
  CreateSessionBodySchema,
  PatchSessionBodySchema,
  SessionParamsSchema,
  SessionSchema,
} from '../schemas/sessions.ts'

const sessionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'sessions')
  const checkFields = sessionFieldChecks(app.config)

  app.post(
    '/code-sessions',
    {
      schema: {
        summary: 'Create a code session',
        body: CreateSessionBodySchema,
        response: {
          201: SessionSchema,
          ...errorResponses(
            'validation_error',
            'unauthorized',
            'payload_too_large',
            'rate_limited',
            'unavailable',
            'internal_error',
          ),
        },
      },
      // The budget is charged only for a request that would otherwise be accepted.
      preHandler: [checkFields, async (request) => app.limitRate(newSessionBudgets(app.config, request.client))],
    },
    async (request, reply) => {
      const { language, source_code = '', stdin = '' } = request.body
      const session = await insertSession(app.db, { language, source_code, stdin }, request.client.apiKeyId)
      return reply.code(201).send(presentSession(session))
    },
  )

  app.get(
    '/code-sessions/:session_id',
    {
      schema: {
        summary: 'Get a code session',
        params: SessionParamsSchema,
        response: {
          200: SessionSchema,
          ...errorResponses('validation_error', 'unauthorized', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request) => {
      return presentSession(await visibleSession(app.db, request.params.session_id, request.client))
    },
  )

  app.patch(
    '/code-sessions/:session_id',
    {
      schema: {
        summary: 'Autosave: change any of language, source_code, stdin',
        params: SessionParamsSchema,
        body: PatchSessionBodySchema,
        response: {
          200: SessionSchema,
          ...errorResponses(
            'validation_error',
            'unauthorized',
            'not_found',
            'payload_too_large',
            'unavailable',
            'internal_error',
          ),
        },
      },
      preHandler: checkFields,
    },
    async (request) => {
      await visibleSession(app.db, request.params.session_id, request.client)
      const session = await updateSession(app.db, request.params.session_id, request.body)
      if (!session) throw sessionNotFound(request.params.session_id)
      return presentSession(session)
    },
  )
}

export default sessionsRoutes
