import type { preHandlerHookHandler } from 'fastify'
import type { Config } from '../config.ts'
import { ApiError } from './errors.ts'
import type { RunBody } from './schemas/executions.ts'

/**
 * The checks of a session body's text fields beyond their types. Sizes count UTF-8 bytes, not characters,
 * because bytes are what a run ships to its container. NUL is refused with a 400 naming the field:
 * PostgreSQL text cannot hold it, and storing it altered would run a program other than the one sent.
 */
export function sessionFieldChecks(config: Config): preHandlerHookHandler {
  const limits = [
    { field: 'source_code', bytes: config.SOURCE_LIMIT_BYTES },
    { field: 'stdin', bytes: config.STDIN_LIMIT_BYTES },
  ] as const
  return async (request) => {
    const body = request.body as Partial<Record<(typeof limits)[number]['field'], unknown>> | undefined
    for (const { field, bytes } of limits) {
      const value = body?.[field]
      if (typeof value !== 'string') continue
      checkText(value, field, bytes)
    }
  }
}

/** Routes that take no body (cancel) refuse more than an empty JSON object and its spacing. */
export const NO_BODY_LIMIT_BYTES = 64

/**
 * The largest body a valid request needs: JSON encoders escape a control character as `\u00XX`, six bytes
 * for one, so each field can take six times its byte limit; 1 KiB is room for the field names and the
 * language. Anything larger is refused while it is read, before it is parsed.
 */
export function bodyLimitFor(config: Config): number {
  return 6 * (config.SOURCE_LIMIT_BYTES + config.STDIN_LIMIT_BYTES) + 1024
}

/**
 * The checks of a run body beyond its schema: each test case's stdin and expected output within
 * TEST_CASE_LIMIT_BYTES of UTF-8 (413 naming the case and field), no NUL (PostgreSQL text cannot hold it), and
 * `compare` only beside test cases.
 */
export function runBodyChecks(config: Config): preHandlerHookHandler {
  return async (request) => {
    const body = request.body as RunBody | undefined
    if (body?.compare !== undefined && body.test_cases === undefined) {
      throw new ApiError('validation_error', 'body.compare is only for a run with test_cases')
    }
    if (body?.interactive && body.test_cases !== undefined) {
      throw new ApiError('validation_error', 'a run is judged (test_cases) or interactive, not both')
    }
    for (const [index, testCase] of (body?.test_cases ?? []).entries()) {
      for (const field of ['stdin', 'expected_stdout'] as const) {
        const value = testCase[field]
        if (value === undefined) continue
        checkText(value, `test_cases[${index}].${field}`, config.TEST_CASE_LIMIT_BYTES)
      }
    }
  }
}

/**
 * A text field of a body: at most `bytes` bytes of UTF-8 (413 naming it), and no NUL (400 naming it). Sizes count
 * bytes, what a run ships to its container; NUL is refused because PostgreSQL text cannot hold it, and storing it
 * altered would run a program other than the one sent.
 */
export function checkText(value: string, field: string, bytes = Number.POSITIVE_INFINITY): void {
  if (Buffer.byteLength(value, 'utf8') > bytes) {
    throw new ApiError('payload_too_large', `${field} is larger than ${bytes} bytes (UTF-8)`)
  }
  if (value.includes('\u0000')) {
    throw new ApiError('validation_error', `body.${field} contains a NUL character (U+0000), which is not accepted`)
  }
}
