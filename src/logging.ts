import type { BaseLogger, LoggerOptions } from 'pino'
import type { Config } from './config.ts'

/** What a connection needs to report its problems. */
export type ErrorLogger = Pick<BaseLogger, 'error'>

/** pino options of both processes: the configured level, and secrets never written. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'config.DATABASE_URL',
        'config.REDIS_URL',
        'config.WEBHOOK_SECRET',
      ],
      censor: '[redacted]',
    },
  }
}

const ERROR_LOG_EVERY_MS = 5000

/**
 * An `error` listener for a connection (Redis, a queue, a PostgreSQL pool) that logs instead of swallowing:
 * while a dependency is away its client repeats the same error many times a second, so one line per 5 s.
 */
export function logErrorsOf(what: string, logger: ErrorLogger): (error: Error) => void {
  let lastAt = 0
  return (error) => {
    if (Date.now() - lastAt < ERROR_LOG_EVERY_MS) return
    lastAt = Date.now()
    logger.error({ err: error, source: what }, `${what} error (repeats within 5 s not logged)`)
  }
}
