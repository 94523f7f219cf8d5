import { type Logger, pino } from 'pino'

/** Quiet unless TEST_LOG_LEVEL is set. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })
}
