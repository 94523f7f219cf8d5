import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import { isUnavailableError } from '../unavailable.ts'

const FIRST_DELAY_MS = 100
const MAX_DELAY_MS = 5000

/**
 * The worker's one rule for a database call: retried, waiting longer each time, only while PostgreSQL is
 * unavailable (so an outcome already in hand survives an outage); any other error is thrown at once, and
 * so is the last one once `signal` aborts (the worker is shutting down), so nothing spins for ever.
 */
export async function retryWhileUnavailable<T>(
  call: () => Promise<T>,
  logger: Logger,
  signal: AbortSignal,
): Promise<T> {
  for (let delayMs = FIRST_DELAY_MS; ; delayMs = Math.min(delayMs * 2, MAX_DELAY_MS)) {
    try {
      return await call()
    } catch (error) {
      if (signal.aborted || !isUnavailableError(error)) throw error
      logger.warn({ err: error, retryInMs: delayMs }, 'PostgreSQL unavailable; retrying')
      await sleep(delayMs, undefined, { signal }).catch(() => {})
    }
  }
}
