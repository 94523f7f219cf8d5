import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { findExecution, listSessionExecutions } from '../../db/executions-repository.ts'
import { findIdempotentRun, takeIdempotencyKey } from '../../db/idempotency-keys-repository.ts'
import { reserveRun } from '../../db/sessions-repository.ts'
import { countPassedCases, insertTestCases, testCasesOf } from '../../db/test-cases-repository.ts'
import type { Database } from '../../db/types.ts'
import { enqueueExecution } from '../../queue/executions-queue.ts'
import { withTimeout } from '../../timeout.ts'
import { admitRun } from '../admission.ts'
import { runBudgets } from '../budgets.ts'
import { callbackUrlCheck } from '../callback-url-check.ts'
import type { Client } from '../client.ts'
import { clientGoneSignal } from '../client-gone.ts'
import { decodeCursor, encodeCursor } from '../cursor.ts'
import { ApiError, executionNotFound } from '../errors.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { isVisibleTo, visibleSession } from '../ownership.ts'
import { runBodyChecks } from '../payload-limits.ts'
import { presentExecution, presentExecutionSummary, presentRunAccepted } from '../presenters.ts'
import { errorResponses, isUuid } from '../schemas/common.ts'
import {
  DEFAULT_PAGE_SIZE,
  ExecutionListSchema,
  ExecutionParamsSchema,
  ExecutionSchema,
  getExecutionQuerySchema,
  IdempotencyHeadersSchema,
  ListExecutionsQuerySchema,
  RunAcceptedSchema,
  runBodySchema,
} from '../schemas/executions.ts'
import { SessionParamsSchema } from '../schemas/sessions.ts'
import { waitForEnd } from '../wait-for-end.ts'

/** Thrown inside the run transaction when another request already holds the Idempotency-Key: all rolls back. */
class KeyAlreadyTaken extends Error {}

const ENQUEUE_TIMEOUT_MS = 5000

const executionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'executions')
  const { RUNS_PER_SESSION, MAX_WAITING_RUNS, IDEMPOTENCY_KEY_TTL_SECONDS } = app.config
  const { TEST_CASE_TIME_LIMIT_MS, RUN_TIMEOUT_MS } = app.config
  const RunBodySchema = runBodySchema({
    maxCases: app.config.TEST_CASES_MAX,
    caseBytes: app.config.TEST_CASE_LIMIT_BYTES,
    maxTimeLimitMs: RUN_TIMEOUT_MS,
    defaultTimeLimitMs: Math.min(TEST_CASE_TIME_LIMIT_MS, RUN_TIMEOUT_MS),
  })
  const checkRunBody = runBodyChecks(app.config)

  /** Answers with the run that already holds the request's Idempotency-Key; false when none does (for this client). */
  async function replayIdempotentRun(
    sessionId: string,
    key: string,
    client: Client,
    reply: FastifyReply,
  ): Promise<boolean> {
    const executionId = await findIdempotentRun(app.db, sessionId, key, IDEMPOTENCY_KEY_TTL_SECONDS)
    const execution = executionId === undefined ? undefined : await findExecution(app.db, executionId)
    // Another key's run is not answered: the request goes on to the 404 of a session it cannot see.
    if (!execution || !isVisibleTo(execution, client)) return false
    await reply.code(202).header('idempotent-replayed', 'true').send(presentRunAccepted(execution))
    return true
  }

  /**
   * A retry with a known Idempotency-Key is answered before the limits are counted (it spends none): this
   * runs before validation, so it only acts on a well-formed id and key and leaves the rest to the schema.
   */
  async function answerRetries(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const key = request.headers['idempotency-key']
    const { session_id: sessionId } = request.params as { session_id?: unknown }
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) return
    if (typeof sessionId !== 'string' || !isUuid(sessionId)) return
    await replayIdempotentRun(sessionId, key, request.client, reply)
  }

  /** Why the reservation wrote nothing (the rare path): 404 when the client cannot see the session, else its cap. */
  async function runRefusal(trx: Kysely<Database>, sessionId: string, client: Client): Promise<ApiError> {
    await visibleSession(trx, sessionId, client)
    return new ApiError(
      'execution_limit_reached',
      `code session ${sessionId} already has ${RUNS_PER_SESSION} executions, its limit`,
    )
  }

  const checkCallbackUrl = callbackUrlCheck(app)

  async function enqueue(executionId: string, priority: number): Promise<void> {
    // Fail fast rather than wait, holding the session's row lock, for a Redis that is not there.
    if (app.redis.status !== 'ready') throw new ApiError('unavailable')
    await withTimeout(enqueueExecution(app.executionsQueue, executionId, priority), ENQUEUE_TIMEOUT_MS, 'enqueue')
  }

  app.post(
    '/code-sessions/:session_id/run',
    {
      bodyLimit: app.config.RUN_REQUEST_LIMIT_BYTES,
      schema: {
        summary:
          'Run the session as it is now (optionally judged against test cases); follow GET /executions/{execution_id}/events, or GET it with ?wait=, for the outcome',
        params: SessionParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: RunBodySchema,
        response: {
          202: RunAcceptedSchema,
          ...errorResponses(
            'validation_error',
            'unauthorized',
            'not_found',
            'payload_too_large',
            'execution_limit_reached',
            'rate_limited',
            'too_many_active_runs',
            'unavailable',
            'overloaded',
            'internal_error',
          ),
        },
      },
      preValidation: [
        // A run without a body (the plain run) is a run with an empty one: the schema then checks the same object.
        async (request) => {
          request.body ??= {}
        },
        answerRetries,
      ],
      // After validation, so that a malformed id or body is a 400 and spends nothing.
      preHandler: [
        checkRunBody,
        checkCallbackUrl,
        async (request) => app.limitRate(runBudgets(app.config, request.client, request.params.session_id)),
      ],
    },
    async (request, reply) => {
      const sessionId = request.params.session_id
      const { client } = request
      const idempotencyKey = request.headers['idempotency-key']
      const testCases = (request.body?.test_cases ?? []).map((testCase) => ({
        stdin: testCase.stdin,
        expected_stdout: testCase.expected_stdout ?? null,
        time_limit_ms: Math.min(testCase.time_limit_ms ?? TEST_CASE_TIME_LIMIT_MS, RUN_TIMEOUT_MS),
        hidden: testCase.hidden ?? false,
      }))
      const compare = testCases.length > 0 ? (request.body?.compare ?? 'lines') : null
      const create = () =>
        app.db.transaction().execute(async (trx) => {
          const priority = await admitRun(trx, client, MAX_WAITING_RUNS)
          const row = await reserveRun(
            trx,
            {
              executionId: randomUUID(),
              sessionId,
              clientId: client.id,
              apiKeyId: client.apiKeyId,
              compare,
              callbackUrl: request.body?.callback_url ?? null,
              interactive: request.body?.interactive ?? false,
            },
            RUNS_PER_SESSION,
          )
          if (!row) throw await runRefusal(trx, sessionId, client)
          await insertTestCases(trx, row.id, testCases)
          // The session's row is locked since the reservation: requests with the same key take turns here.
          if (idempotencyKey !== undefined) {
            const entry = { session_id: row.session_id, key: idempotencyKey, execution_id: row.id }
            if (!(await takeIdempotencyKey(trx, entry, IDEMPOTENCY_KEY_TTL_SECONDS))) throw new KeyAlreadyTaken()
          }
          // Enqueued before the commit: if Redis refuses the job, the row and the count roll back with it,
          // so a 503 leaves nothing behind. A worker that takes the job before the commit waits for the row.
          await enqueue(row.id, priority)
          return row
        })
      let execution: Awaited<ReturnType<typeof create>>
      try {
        execution = await create()
      } catch (error) {
        // A concurrent request with the same key won: its run is the answer, this one rolled back.
        if (error instanceof KeyAlreadyTaken && idempotencyKey !== undefined) {
          if (await replayIdempotentRun(sessionId, idempotencyKey, client, reply)) return reply
        }
        throw error
      }
      request.log.info({ executionId: execution.id, sessionId }, 'run queued')
      return reply.code(202).send(presentRunAccepted(execution))
    },
  )

  app.get(
    '/code-sessions/:session_id/executions',
    {
      schema: {
        summary: "A session's executions as summaries (no output), newest first, a page at a time",
        params: SessionParamsSchema,
        querystring: ListExecutionsQuerySchema,
        response: {
          200: ExecutionListSchema,
          ...errorResponses('validation_error', 'unauthorized', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request) => {
      const sessionId = request.params.session_id
      const limit = request.query.limit ?? DEFAULT_PAGE_SIZE
      const after = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor)
      await visibleSession(app.db, sessionId, request.client)
      // One row more than the page tells whether another page follows.
      const rows = await listSessionExecutions(app.db, sessionId, limit + 1, after)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      const judged = page.filter((row) => row.compare !== null).map((row) => row.id)
      const summaries = await countPassedCases(app.db, judged)
      return {
        executions: page.map((row) => presentExecutionSummary(row, summaries.get(row.id))),
        next_cursor: rows.length > limit && last ? encodeCursor({ queuedAt: last.queued_at, id: last.id }) : null,
      }
    },
  )

  app.get(
    '/executions/:execution_id',
    {
      schema: {
        summary: 'Get an execution; with ?wait=N, once it is terminal or after N seconds, whichever comes first',
        params: ExecutionParamsSchema,
        querystring: getExecutionQuerySchema(app.config.WAIT_MAX_SECONDS),
        response: {
          200: ExecutionSchema,
          ...errorResponses('validation_error', 'unauthorized', 'not_found', 'unavailable', 'internal_error'),
        },
      },
    },
    async (request, reply) => {
      const id = request.params.execution_id
      const waitMs = (request.query.wait ?? 0) * 1000
      // Another key's run is not there for this client, and not waited on either.
      const execution = await waitForEnd(app.db, app.terminalNotifications, id, waitMs, {
        signal: clientGoneSignal(reply),
        visibleTo: request.client,
      })
      if (!execution) throw executionNotFound(id)
      return presentExecution(execution, await testCasesOf(app.db, execution))
    },
  )
}

export default executionsRoutes
