import pg from 'pg'
import { EXECUTION_FINISHED_CHANNEL } from './keys.ts'
import type { EventsLogger } from './logger.ts'

/**
 * Why a watcher is called: `notified` (its execution just became terminal), `resync` (notifications may
 * have been missed while the connection was down: look again), or `closing` (the process is shutting down).
 */
export type WatchReason = 'notified' | 'resync' | 'closing'
export type Watcher = (reason: WatchReason) => void

const RECONNECT_MIN_MS = 250
const RECONNECT_MAX_MS = 5000

/**
 * One PostgreSQL connection per API process that LISTENs for executions becoming terminal (a trigger
 * notifies on every terminal write, whoever makes it) and wakes the requests watching them. Nothing
 * polls: a watcher is called once per notification of its execution, and once more after a reconnection.
 */
export class TerminalNotifications {
  readonly #connectionString: string
  readonly #logger: EventsLogger
  readonly #watchers = new Map<string, Set<Watcher>>()
  #client: pg.Client | undefined
  #closed = false
  #reconnectMs = RECONNECT_MIN_MS
  #reconnectTimer: NodeJS.Timeout | undefined

  constructor(connectionString: string, logger: EventsLogger) {
    this.#connectionString = connectionString
    this.#logger = logger
  }

  /** Connects and listens; a failure is logged and retried in the background (the app starts regardless). */
  async start(): Promise<void> {
    await this.#connect(false)
  }

  /** Calls `watcher` whenever the execution may have become terminal; returns the function that stops it. */
  watch(executionId: string, watcher: Watcher): () => void {
    if (this.#closed) {
      queueMicrotask(() => watcher('closing'))
      return () => {}
    }
    let set = this.#watchers.get(executionId)
    if (!set) {
      set = new Set()
      this.#watchers.set(executionId, set)
    }
    set.add(watcher)
    return () => {
      set.delete(watcher)
      if (set.size === 0 && this.#watchers.get(executionId) === set) this.#watchers.delete(executionId)
    }
  }

  /** Number of executions watched now (for tests and metrics). */
  get watchedCount(): number {
    return this.#watchers.size
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#reconnectTimer)
    this.#callAll('closing')
    this.#watchers.clear()
    const client = this.#client
    this.#client = undefined
    await client?.end().catch(() => {})
  }

  async #connect(resync: boolean): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#connectionString,
      connectionTimeoutMillis: 3000,
      keepAlive: true,
    })
    client.on('notification', (message) => {
      if (message.channel !== EXECUTION_FINISHED_CHANNEL || !message.payload) return
      for (const watcher of [...(this.#watchers.get(message.payload) ?? [])]) watcher('notified')
    })
    client.on('error', (error) => this.#lost(client, error))
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      await client.query(`LISTEN ${EXECUTION_FINISHED_CHANNEL}`)
    } catch (error) {
      this.#lost(client, error)
      return
    }
    if (this.#closed) {
      await client.end().catch(() => {})
      return
    }
    this.#client = client
    this.#reconnectMs = RECONNECT_MIN_MS
    if (resync) {
      this.#logger.info('execution notifications listening again')
      this.#callAll('resync')
    }
  }

  #lost(client: pg.Client, error?: unknown): void {
    if (this.#client !== undefined && this.#client !== client) return
    this.#client = undefined
    client.removeAllListeners('end')
    client.removeAllListeners('error')
    client.on('error', () => {})
    void client.end().catch(() => {})
    if (this.#closed || this.#reconnectTimer) return
    this.#logger.warn({ err: error, retryInMs: this.#reconnectMs }, 'execution notifications lost; reconnecting')
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined
      void this.#connect(true)
    }, this.#reconnectMs)
    this.#reconnectTimer.unref()
    this.#reconnectMs = Math.min(this.#reconnectMs * 2, RECONNECT_MAX_MS)
  }

  #callAll(reason: WatchReason): void {
    for (const set of [...this.#watchers.values()]) for (const watcher of [...set]) watcher(reason)
  }
}
