import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findExecution, insertExecution, listSessionExecutions } from '../../db/executions-repository.ts'
import { findSession, reserveExecutionSlot } from '../../db/sessions-repository.ts'
import { enqueueExecution } from '../../queue/executions-queue.ts'
import { withTimeout } from '../../timeout.ts'
import { admitRun } from '../admission.ts'
import { runBudgets } from '../budgets.ts'
import { decodeCursor, encodeCursor } from '../cursor.ts'
import { ApiError, executionNotFound, sessionNotFound } from '../errors.ts'
import { presentExecution, presentExecutionSummary, presentRunAccepted } from '../presenters.ts'
import { errorResponses } from '../schemas/common.ts'
import {
  DEFAULT_PAGE_SIZE,
  ExecutionListSchema,
  ExecutionParamsSchema,
  ExecutionSchema,
  ListExecutionsQuerySchema,
  RunAcceptedSchema,
} from '../schemas/executions.ts'
import { SessionParamsSchema } from '../schemas/sessions.ts'

const tags = ['executions']
const ENQUEUE_TIMEOUT_MS = 5000

const executionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { RUNS_PER_SESSION, MAX_WAITING_RUNS } = app.config

  async function enqueue(executionId: string, priority: number): Promise<void> {
    // Fail fast rather than wait, holding the session's row lock, for a Redis that is not there.
    if (app.redis.status !== 'ready') throw new ApiError('unavailable')
    await withTimeout(enqueueExecution(app.executionsQueue, executionId, priority), ENQUEUE_TIMEOUT_MS, 'enqueue')
  }

  app.post(
    '/code-sessions/:session_id/run',
    {
      schema: {
        tags,
        summary: 'Run the session as it is now; poll GET /executions/{execution_id} for the outcome',
        params: SessionParamsSchema,
        response: {
          202: RunAcceptedSchema,
          ...errorResponses(
            'validation_error',
            'not_found',
            'execution_limit_reached',
            'rate_limited',
            'too_many_active_runs',
            'unavailable',
            'overloaded',
            'internal_error',
          ),
        },
      },
      // After validation, so that a malformed id is a 400 and spends nothing.
      preHandler: async (request) => app.limitRate(runBudgets(app.config, request.client, request.params.session_id)),
    },
    async (request, reply) => {
      const sessionId = request.params.session_id
      const { client } = request
      const execution = await app.db.transaction().execute(async (trx) => {
        const priority = await admitRun(trx, client, MAX_WAITING_RUNS)
        const reservation = await reserveExecutionSlot(trx, sessionId, RUNS_PER_SESSION)
        if (reservation.kind === 'not_found') throw sessionNotFound(sessionId)
        if (reservation.kind === 'limit_reached') {
          throw new ApiError(
            'execution_limit_reached',
            `code session ${sessionId} already has ${RUNS_PER_SESSION} executions, its limit`,
          )
        }
        const { session } = reservation
        const row = await insertExecution(trx, {
          session_id: session.id,
          language: session.language,
          source_code: session.source_code,
          stdin: session.stdin,
          client_id: client.id,
        })
        // Enqueued before the commit: if Redis refuses the job, the row and the count roll back with it,
        // so a 503 leaves nothing behind. A worker that takes the job before the commit waits for the row.
        await enqueue(row.id, priority)
        return row
      })
      request.log.info({ executionId: execution.id, sessionId }, 'run queued')
      return reply.code(202).send(presentRunAccepted(execution))
    },
  )

  app.get(
    '/code-sessions/:session_id/executions',
    {
      schema: {
        tags,
        summary: "A session's executions as summaries (no output), newest first, a page at a time",
        params: SessionParamsSchema,
        querystring: ListExecutionsQuerySchema,
        response: {
          200: ExecutionListSchema,
          ...errorResponses('validation_error', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request) => {
      const sessionId = request.params.session_id
      const limit = request.query.limit ?? DEFAULT_PAGE_SIZE
      const after = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor)
      if (!(await findSession(app.db, sessionId))) throw sessionNotFound(sessionId)
      // One row more than the page tells whether another page follows.
      const rows = await listSessionExecutions(app.db, sessionId, limit + 1, after)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        executions: page.map(presentExecutionSummary),
        next_cursor: rows.length > limit && last ? encodeCursor({ queuedAt: last.queued_at, id: last.id }) : null,
      }
    },
  )

  app.get(
    '/executions/:execution_id',
    {
      schema: {
        tags,
        summary: 'Get an execution (poll until COMPLETED, FAILED or TIMEOUT)',
        params: ExecutionParamsSchema,
        response: {
          200: ExecutionSchema,
          ...errorResponses('validation_error', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request) => {
      const execution = await findExecution(app.db, request.params.execution_id)
      if (!execution) throw executionNotFound(request.params.execution_id)
      return presentExecution(execution)
    },
  )
}

export default executionsRoutes
