import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isUnavailableError } from '../unavailable.ts'

/** Every error the API answers with, by HTTP status: a stable code and its default message. */
const CATALOGUE = {
  400: { validation_error: 'the request is not valid' },
  401: { unauthorized: 'a valid API key is required: Authorization: Bearer <key>' },
  404: { not_found: 'not found' },
  408: { request_timeout: 'the request was not received in time' },
  409: {
    execution_limit_reached: 'the session has reached its limit of executions',
    already_finished: 'the execution had already finished',
    not_running: 'the execution is not running',
    not_interactive: 'the execution was not started interactive',
    input_closed: "the execution's input was already closed (eof)",
  },
  413: { payload_too_large: 'the request body is too large' },
  429: {
    rate_limited: 'too many requests, retry later',
    too_many_active_runs: 'too many runs queued or running, retry when one has ended',
  },
  431: { headers_too_large: 'the request headers are too large' },
  500: { internal_error: 'internal error' },
  503: {
    unavailable: 'a dependency is unavailable, retry later',
    overloaded: 'too many runs are waiting, retry later',
  },
} as const satisfies Record<number, Record<string, string>>

type Catalogue = typeof CATALOGUE
export type ErrorCode = { [S in keyof Catalogue]: keyof Catalogue[S] }[keyof Catalogue]

/** The catalogue by code: its HTTP status and default message. */
export const ERRORS: Readonly<Record<ErrorCode, { status: number; message: string }>> = Object.fromEntries(
  Object.entries(CATALOGUE).flatMap(([status, codes]) =>
    Object.entries(codes).map(([code, message]) => [code, { status: Number(status), message }]),
  ),
) as Record<ErrorCode, { status: number; message: string }>

export interface ErrorBody {
  error: { code: ErrorCode; message: string }
}

export interface ApiErrorOptions extends ErrorOptions {
  /** Sent as `Retry-After` (whole seconds, at least 1): when the client may try again. */
  retryAfterMs?: number
}

/** An error meant for the client: its message is shown as it is. */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly code: ErrorCode
  readonly statusCode: number
  readonly retryAfterSeconds: number | undefined

  constructor(code: ErrorCode, message: string = ERRORS[code].message, options: ApiErrorOptions = {}) {
    super(message, options)
    this.code = code
    this.statusCode = ERRORS[code].status
    if (options.retryAfterMs !== undefined) this.retryAfterSeconds = Math.max(1, Math.ceil(options.retryAfterMs / 1000))
  }
}

export function sessionNotFound(id: string): ApiError {
  return new ApiError('not_found', `code session ${id} not found`)
}

export function executionNotFound(id: string): ApiError {
  return new ApiError('not_found', `execution ${id} not found`)
}

export function errorBody(code: ErrorCode, message: string = ERRORS[code].message): ErrorBody {
  return { error: { code, message } }
}

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported content type: send application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: ERRORS.payload_too_large.message,
}

/** Fastify's own 4xx errors (and its plugins') by status; any other is the client's request to fix. */
const FASTIFY_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  404: 'not_found',
  413: 'payload_too_large',
  429: 'rate_limited',
}

/** Maps any error to one of ours: our own as they are, Fastify's by status, outages to 503, the rest to 500. */
function toApiError(error: unknown, bodyLimit: number | undefined): ApiError {
  if (error instanceof ApiError) return error
  if (isUnavailableError(error)) return new ApiError('unavailable', undefined, { cause: error })
  const fastifyError = error as Partial<FastifyError>
  const status = fastifyError.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = FASTIFY_MESSAGES[fastifyError.code ?? ''] ?? (fastifyError.message || undefined)
    // A body past its route's limit: the limit named, so the client knows what would fit.
    if (status === 413 && bodyLimit !== undefined) {
      return new ApiError('payload_too_large', `${message}: its limit is ${bodyLimit} bytes`, { cause: error })
    }
    // Bad JSON, an unsupported content type, a failed schema: all the client's to fix.
    return new ApiError(FASTIFY_STATUS_CODES[status] ?? 'validation_error', message, { cause: error })
  }
  return new ApiError('internal_error', undefined, { cause: error })
}

function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): ErrorBody {
  const apiError = toApiError(error, request.routeOptions.bodyLimit)
  if (apiError.statusCode >= 500) {
    // The details stay in the log: the client sees the catalogue's message only.
    request.log.error({ err: error, code: apiError.code }, 'request failed')
  } else {
    // Debug only: the request's own line (request-logging.ts) already says it ended in a 4xx.
    request.log.debug({ code: apiError.code, reason: apiError.message }, 'request rejected')
  }
  // Every refusal a client may wait out, whichever part refused; the readiness probe's own 503 is not one.
  if ((apiError.statusCode === 429 || apiError.statusCode === 503) && request.routeOptions.url !== '/ready')
    request.server.metrics?.rejected(apiError.code)
  reply.code(apiError.statusCode)
  if (apiError.retryAfterSeconds !== undefined) reply.header('retry-after', String(apiError.retryAfterSeconds))
  if (apiError.code === 'unauthorized') reply.header('www-authenticate', 'Bearer')
  return errorBody(apiError.code, apiError.message)
}

/** One error handler and one not-found handler for the whole app: every error answers `{error: {code, message}}`. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(handleError)
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `route ${request.method} ${request.url.split('?')[0]} not found`))
  })
}
