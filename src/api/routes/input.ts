import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { appendInput } from '../../db/input-repository.ts'
import { inputChannel } from '../../events/keys.ts'
import { ApiError } from '../errors.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { visibleExecution } from '../ownership.ts'
import { checkText } from '../payload-limits.ts'
import { errorResponses } from '../schemas/common.ts'
import { ExecutionParamsSchema } from '../schemas/executions.ts'
import { InputAcceptedSchema, InputBodySchema } from '../schemas/input.ts'

/**
 * POST /executions/{id}/input: more stdin for an interactive run while it runs. Kept in the row first (PostgreSQL
 * orders appends from every replica), then announced on a Redis channel; the worker holding the run reads what it
 * has not yet given the program from the row, so a lost announcement costs a delay, never input.
 */
const inputRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'executions')
  const limit = app.config.INPUT_LIMIT_BYTES
  app.post(
    '/executions/:execution_id/input',
    {
      // Room for the limit written as JSON escapes (six bytes a character at worst), and the field names.
      bodyLimit: 6 * limit + 1024,
      schema: {
        summary: "Send more to an interactive run's stdin while it runs; eof: true closes it",
        params: ExecutionParamsSchema,
        body: InputBodySchema,
        response: {
          202: InputAcceptedSchema,
          ...errorResponses(
            'validation_error',
            'unauthorized',
            'not_found',
            'not_running',
            'not_interactive',
            'input_closed',
            'payload_too_large',
            'unavailable',
            'internal_error',
          ),
        },
      },
    },
    async (request, reply) => {
      const id = request.params.execution_id
      const { data, eof = false } = request.body
      checkText(data, 'data')
      await visibleExecution(app.db, id, request.client)
      if (app.redis.status !== 'ready') throw new ApiError('unavailable')
      const result = await appendInput(app.db, id, data, eof, limit)
      switch (result.kind) {
        case 'missing':
          throw new ApiError('not_found', `execution ${id} not found`)
        case 'not_interactive':
          throw new ApiError('not_interactive', `execution ${id} was not started with "interactive": true`)
        case 'not_running':
          throw new ApiError(
            'not_running',
            `execution ${id} is ${result.status}: input reaches a run only while it is RUNNING, and none was kept`,
          )
        case 'closed':
          throw new ApiError('input_closed', `execution ${id}'s input was closed (eof): nothing more was kept`)
        case 'too_large':
          throw new ApiError(
            'payload_too_large',
            `the input of execution ${id} would pass its limit of ${limit} bytes (${result.inputBytes} sent so far)`,
          )
      }
      await app.redis.publish(inputChannel(app.config.QUEUE_NAME), id)
      return reply.code(202).send({ execution_id: id, input_bytes: result.inputBytes, eof: result.eof })
    },
  )
}

export default inputRoutes
