import type { ErrorBody, ErrorCode } from './types.ts'

/** An error answer of the API: its HTTP status, its stable code, its message and, for 429/503, Retry-After. */
export class LiveCodeError extends Error {
  override name = 'LiveCodeError'
  readonly status: number
  readonly code: ErrorCode
  /** Seconds the API asked to wait before trying again (429, 503); undefined when it did not say. */
  readonly retryAfterSeconds: number | undefined

  constructor(status: number, body: ErrorBody, retryAfterSeconds?: number) {
    super(`${status} ${body.error.code}: ${body.error.message}`)
    this.status = status
    this.code = body.error.code
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** The error of a response whose body was not the API's error shape (a proxy's page, say). */
export function errorFromResponse(response: Response, body: unknown): LiveCodeError {
  const retryAfter = retryAfterSeconds(response)
  if (isErrorBody(body)) return new LiveCodeError(response.status, body, retryAfter)
  const code: ErrorCode = response.status >= 500 ? 'unavailable' : 'validation_error'
  const message = `unexpected answer ${response.status} ${response.statusText}`
  return new LiveCodeError(response.status, { error: { code, message } }, retryAfter)
}

export function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after')
  if (header === null || !/^\d+$/.test(header.trim())) return undefined
  return Number(header)
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return typeof error?.code === 'string' && typeof error.message === 'string'
}
