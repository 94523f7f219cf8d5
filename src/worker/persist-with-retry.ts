import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'

/**
 * Runs a database write until it succeeds, waiting longer each time (capped), so that an outcome
 * the worker already holds survives a PostgreSQL outage instead of being thrown away.
 * Gives up only when `signal` aborts (the worker is shutting down for good), or at once on an error
 * that `retryIf` (when given) says is not worth retrying.
 */
export async function persistWithRetry<T>(
  write: () => Promise<T>,
  logger: Logger,
  signal?: AbortSignal,
  maxDelayMs = 5000,
  retryIf?: (error: unknown) => boolean,
): Promise<T> {
  let delayMs = 100
  for (;;) {
    try {
      return await write()
    } catch (error) {
      if (signal?.aborted || (retryIf && !retryIf(error))) throw error
      logger.warn({ err: error, retryInMs: delayMs }, 'database write failed; retrying')
      await sleep(delayMs, undefined, signal ? { signal } : undefined).catch(() => {})
      delayMs = Math.min(delayMs * 2, maxDelayMs)
    }
  }
}
