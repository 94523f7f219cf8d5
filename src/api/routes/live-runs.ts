import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { testCasesOf } from '../../db/test-cases-repository.ts'
import { cancelExecution } from '../cancel-execution.ts'
import { clientGoneSignal } from '../client-gone.ts'
import { serveRunEvents } from '../live-run-stream.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { visibleExecution } from '../ownership.ts'
import { NO_BODY_LIMIT_BYTES } from '../payload-limits.ts'
import { presentExecution } from '../presenters.ts'
import { errorResponses } from '../schemas/common.ts'
import {
  EventStreamResponse,
  EventsHeadersSchema,
  ExecutionParamsSchema,
  ExecutionSchema,
} from '../schemas/executions.ts'

const liveRunsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'executions')
  app.get(
    '/executions/:execution_id/events',
    {
      schema: {
        summary: "The run's events as they happen (Server-Sent Events), replayed from the start or from Last-Event-ID",
        params: ExecutionParamsSchema,
        headers: EventsHeadersSchema,
        produces: ['text/event-stream'],
        response: {
          200: EventStreamResponse,
          ...errorResponses('validation_error', 'unauthorized', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request, reply) => {
      await visibleExecution(app.db, request.params.execution_id, request.client)
      await serveRunEvents(app, reply, request.params.execution_id, request.headers['last-event-id'] ?? '0-0')
      return reply
    },
  )

  app.post(
    '/executions/:execution_id/cancel',
    {
      bodyLimit: NO_BODY_LIMIT_BYTES,
      schema: {
        summary:
          'Cancel a run: a queued one never starts, a running one is killed (output so far kept); it ends FAILED/cancelled',
        params: ExecutionParamsSchema,
        response: {
          202: ExecutionSchema,
          ...errorResponses(
            'validation_error',
            'unauthorized',
            'not_found',
            'already_finished',
            'unavailable',
            'internal_error',
          ),
        },
      },
    },
    async (request, reply) => {
      await visibleExecution(app.db, request.params.execution_id, request.client)
      const execution = await cancelExecution(app, request.params.execution_id, clientGoneSignal(reply))
      request.log.info({ executionId: execution.id, status: execution.status }, 'cancel requested')
      return reply.code(202).send(presentExecution(execution, await testCasesOf(app.db, execution)))
    },
  )
}

export default liveRunsRoutes
