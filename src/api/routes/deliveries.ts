import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listDeliveryAttempts } from '../../db/webhook-deliveries-repository.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { visibleExecution } from '../ownership.ts'
import { presentDeliveries } from '../presenters.ts'
import { errorResponses } from '../schemas/common.ts'
import { DeliveriesSchema } from '../schemas/deliveries.ts'
import { ExecutionParamsSchema } from '../schemas/executions.ts'

const deliveriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'executions')
  app.get(
    '/executions/:execution_id/deliveries',
    {
      schema: {
        summary: "Every try at delivering the run's callback_url (time, status, error), oldest first",
        params: ExecutionParamsSchema,
        response: {
          200: DeliveriesSchema,
          ...errorResponses('validation_error', 'unauthorized', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request) => {
      const execution = await visibleExecution(app.db, request.params.execution_id, request.client)
      return presentDeliveries(execution, await listDeliveryAttempts(app.db, execution.id))
    },
  )
}

export default deliveriesRoutes
