import type { preHandlerHookHandler } from 'fastify'
import type { Config } from '../config.ts'
import { ApiError } from './errors.ts'

/**
 * The per-field byte limits of a session body. Counted in UTF-8 bytes, not characters, because bytes are
 * what a run ships to its container; Fastify's bodyLimit sits well above their sum so that this check,
 * which names the field, is the one a client meets.
 */
export function fieldSizeLimits(config: Config): preHandlerHookHandler {
  const limits = [
    { field: 'source_code', bytes: config.SOURCE_LIMIT_BYTES },
    { field: 'stdin', bytes: config.STDIN_LIMIT_BYTES },
  ] as const
  return async (request) => {
    const body = request.body as Partial<Record<(typeof limits)[number]['field'], unknown>> | undefined
    for (const { field, bytes } of limits) {
      const value = body?.[field]
      if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > bytes) {
        throw new ApiError('payload_too_large', `${field} is larger than ${bytes} bytes (UTF-8)`)
      }
    }
  }
}

/** Room for the JSON around the fields and for escapes (`\u00e9` is 6 bytes for a 2-byte character). */
export function bodyLimitFor(config: Config): number {
  return 4 * (config.SOURCE_LIMIT_BYTES + config.STDIN_LIMIT_BYTES) + 16 * 1024
}
