import type { Kysely } from 'kysely'
import { findExecution } from '../db/executions-repository.ts'
import type { Database, Execution } from '../db/types.ts'
import type { TerminalNotifications } from '../events/terminal-notifications.ts'
import { isTerminalStatus } from '../execution-states.ts'
import type { Client } from './client.ts'
import { isVisibleTo } from './ownership.ts'

export interface WaitOptions {
  /** Stops the wait: the answer is the row as it is then. */
  signal?: AbortSignal
  /** A run this client may not see is answered as none, at the first read, and never waited on. */
  visibleTo?: Client
}

/**
 * The execution once it is terminal, or as it is after `timeoutMs`, whichever comes first (undefined if
 * it does not exist). Woken by the end notification, never by polling: the row is read at the start, once
 * per notification of this execution, and at the end. The first read is also the visibility check, so that a
 * plain GET reads the row once.
 */
export async function waitForEnd(
  db: Kysely<Database>,
  notifications: TerminalNotifications,
  executionId: string,
  timeoutMs: number,
  { signal, visibleTo }: WaitOptions = {},
): Promise<Execution | undefined> {
  const done = Promise.withResolvers<Execution | undefined>()
  let settled = false
  let timer: NodeJS.Timeout | undefined
  const settle = (result: Execution | undefined | Error): void => {
    if (settled) return
    settled = true
    clearTimeout(timer)
    stopWatching()
    signal?.removeEventListener('abort', onAbort)
    if (result instanceof Error) done.reject(result)
    else done.resolve(result)
  }
  const look = async (final: boolean): Promise<void> => {
    if (settled) return
    try {
      const found = await findExecution(db, executionId)
      const row = found && (!visibleTo || isVisibleTo(found, visibleTo)) ? found : undefined
      if (!row || final || isTerminalStatus(row.status)) settle(row)
    } catch (error) {
      settle(error as Error)
    }
  }
  const onAbort = (): void => void look(true)
  // Watching starts before the first read, so an end in between is not missed.
  const stopWatching = notifications.watch(executionId, (reason) => void look(reason === 'closing'))
  signal?.addEventListener('abort', onAbort, { once: true })
  timer = setTimeout(() => void look(true), timeoutMs)
  await look(timeoutMs <= 0)
  return done.promise
}
