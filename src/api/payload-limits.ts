import type { preHandlerHookHandler } from 'fastify'
import type { Config } from '../config.ts'
import { ApiError } from './errors.ts'

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
      if (Buffer.byteLength(value, 'utf8') > bytes) {
        throw new ApiError('payload_too_large', `${field} is larger than ${bytes} bytes (UTF-8)`)
      }
      if (value.includes('\u0000')) {
        throw new ApiError('validation_error', `body.${field} contains a NUL character (U+0000), which is not accepted`)
      }
    }
  }
}

/** The run's body: its options (a callback_url of up to 2 KiB, JSON-escaped) and room for the field names. */
export const RUN_BODY_LIMIT_BYTES = 16 * 1024

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
