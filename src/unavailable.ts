// Shared by the API (503 unavailable) and the worker (wait for the dependency rather than fail the run).

// PostgreSQL classes 08 (connection exception), 53 (insufficient resources) and 57P (operator intervention).
const PG_UNAVAILABLE_CODE = /^(08|53|57P)/
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
])
const UNAVAILABLE_MESSAGES = [
  'Connection terminated', // pg: the server went away, or the connect timed out
  'timeout exceeded when trying to connect', // pg pool
  'Query read timeout', // pg query_timeout
  "Stream isn't writeable", // ioredis with enableOfflineQueue: false
  'Connection is closed', // ioredis
  'Reached the max retries per request limit', // ioredis MaxRetriesPerRequestError
  'Command timed out', // ioredis commandTimeout: a Redis that accepts but does not answer
  'Client network socket disconnected',
]

/** True when an error means that PostgreSQL or Redis cannot be reached (the client may retry), not a bug. */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false
  const { code, name } = error as { code?: unknown; name: string }
  if (name === 'MaxRetriesPerRequestError' || name === 'TimeoutError') return true
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE_CODE.test(code))) return true
  if (UNAVAILABLE_MESSAGES.some((fragment) => error.message.includes(fragment))) return true
  if (error instanceof AggregateError && error.errors.some((inner) => isUnavailableError(inner, depth + 1))) return true
  return isUnavailableError(error.cause, depth + 1)
}
