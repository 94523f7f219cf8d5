import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { logErrorsOf } from '../logging.ts'
import { compareStreamIds, fromFields, type StreamEntry } from './live-event.ts'
import type { EventsLogger } from './logger.ts'

type RawEntries = [id: string, fields: string[]][]

/** Longest one blocking read waits; a new stream wakes it at once (an entry on the hub's wake key). */
const BLOCK_MS = 5000
const READ_COUNT = 500
const RETRY_AFTER_ERROR_MS = 500

interface Subscriber {
  /** Last id handed over: entries at or before it are never handed over again. */
  delivered: string
  /** Entries read by the hub while the subscriber's own replay is still under way. */
  buffer: StreamEntry[] | null
  onEntries: (entries: StreamEntry[]) => void
  closed: boolean
}

interface FollowedStream {
  /** Where the hub's next read starts; null until the first subscriber's replay has placed it. */
  cursor: string | null
  subscribers: Set<Subscriber>
}

export interface StreamSubscription {
  close(): void
}

/**
 * Follows many Redis Streams for many subscribers with one blocking connection per process: one XREAD
 * covers every followed stream, and subscribers of the same run share each read. A subscriber first gets
 * the stream's past (replay from an id), then what arrives, each entry once and in order. An idle
 * subscriber costs an entry in a map, not a connection.
 */
export class StreamHub {
  readonly #blocking: Redis
  readonly #commands: Redis
  readonly #logger: EventsLogger
  readonly #streams = new Map<string, FollowedStream>()
  /** A stream of this hub's own, also read by every XREAD: an entry added to it ends the wait at once. */
  readonly #wakeKey = `livecode:stream-hub-wake:${randomUUID()}`
  #wakeCursor = '0-0'
  #idle: PromiseWithResolvers<void> | undefined
  #closed = false
  #loop: Promise<void> | undefined
  #lastErrorLogAt = 0

  /** `commands`: a non-blocking connection, for replays and for waking the blocking one. */
  constructor(redisUrl: string, commands: Redis, logger: EventsLogger) {
    this.#blocking = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true })
    this.#blocking.on('error', logErrorsOf('event streams reader', logger))
    this.#commands = commands
    this.#logger = logger
  }

  start(): void {
    this.#loop ??= this.#run()
  }

  /** Entries after `after` (exclusive), oldest first. */
  async readAfter(key: string, after: string): Promise<StreamEntry[]> {
    const raw = (await this.#commands.xrange(key, `(${after}`, '+')) as RawEntries
    return raw.map(([id, fields]) => fromFields(id, fields))
  }

  /** Hands `onEntries` every entry of `key` after `after`: the past first, then live, each once, in order. */
  follow(key: string, after: string, onEntries: (entries: StreamEntry[]) => void): StreamSubscription {
    const subscriber: Subscriber = { delivered: after, buffer: [], onEntries, closed: false }
    let stream = this.#streams.get(key)
    if (!stream) {
      stream = { cursor: null, subscribers: new Set() }
      this.#streams.set(key, stream)
    }
    stream.subscribers.add(subscriber)
    const followed = stream

    const replayed = (entries: StreamEntry[]): void => {
      if (subscriber.closed) return
      this.#deliver(subscriber, entries)
      const buffered = subscriber.buffer ?? []
      subscriber.buffer = null
      this.#deliver(subscriber, buffered)
      // The hub must read from where this subscriber stands (or earlier), or entries added between its
      // replay and the hub's cursor would be lost to it; others skip what they already have.
      if (followed.cursor === null || compareStreamIds(subscriber.delivered, followed.cursor) < 0) {
        followed.cursor = subscriber.delivered
        this.#wake()
      }
    }
    this.readAfter(key, after).then(replayed, (error) => {
      this.#logger.warn({ err: error, key }, 'event stream replay failed')
      replayed([])
    })

    return {
      close: () => {
        subscriber.closed = true
        followed.subscribers.delete(subscriber)
        if (followed.subscribers.size === 0 && this.#streams.get(key) === followed) this.#streams.delete(key)
      },
    }
  }

  /** Streams followed now (for tests and metrics). */
  get followedCount(): number {
    return this.#streams.size
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#streams.clear()
    this.#idle?.resolve()
    this.#blocking.disconnect()
    await this.#loop
    if (this.#commands.status === 'ready') await this.#commands.del(this.#wakeKey).catch(() => {})
  }

  #deliver(subscriber: Subscriber, entries: StreamEntry[]): void {
    if (subscriber.closed || entries.length === 0) return
    if (subscriber.buffer) {
      subscriber.buffer.push(...entries)
      return
    }
    const fresh = entries.filter((entry) => compareStreamIds(entry.id, subscriber.delivered) > 0)
    const last = fresh.at(-1)
    if (!last) return
    subscriber.delivered = last.id
    subscriber.onEntries(fresh)
  }

  #wake(): void {
    if (this.#idle) {
      this.#idle.resolve()
      return
    }
    // Unlike CLIENT UNBLOCK, an entry cannot race the read: added before it, it is still newer than the cursor.
    this.#commands
      .multi()
      .xadd(this.#wakeKey, 'MAXLEN', '1', '*', 'w', '1')
      .expire(this.#wakeKey, 3600)
      .exec()
      .catch(() => {})
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      const followed = [...this.#streams].filter(([, stream]) => stream.cursor !== null)
      if (followed.length === 0) {
        this.#idle = Promise.withResolvers<void>()
        await this.#idle.promise
        this.#idle = undefined
        continue
      }
      try {
        await this.#readOnce(followed as [string, FollowedStream & { cursor: string }][])
      } catch (error) {
        if (this.#closed) break
        if (Date.now() - this.#lastErrorLogAt > 5000) {
          this.#lastErrorLogAt = Date.now()
          this.#logger.warn({ err: error }, 'event streams unreadable; retrying')
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_ERROR_MS))
      }
    }
  }

  async #readOnce(followed: [string, FollowedStream & { cursor: string }][]): Promise<void> {
    if (this.#blocking.status === 'wait') await this.#blocking.connect()
    const keys = followed.map(([key]) => key)
    const cursors = followed.map(([, stream]) => stream.cursor)
    const result = (await this.#blocking.xread(
      'COUNT',
      READ_COUNT,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      ...keys,
      this.#wakeKey,
      ...cursors,
      this.#wakeCursor,
    )) as [string, RawEntries][] | null
    for (const [key, raw] of result ?? []) {
      if (key === this.#wakeKey) {
        this.#wakeCursor = raw.at(-1)?.[0] ?? this.#wakeCursor
        continue
      }
      const index = keys.indexOf(key)
      const stream = this.#streams.get(key)
      if (!stream || raw.length === 0) continue
      const entries = raw.map(([id, fields]) => fromFields(id, fields))
      const last = entries.at(-1) as StreamEntry
      // A cursor moved back meanwhile (a late subscriber) stays where it was moved to.
      if (stream.cursor === cursors[index]) stream.cursor = last.id
      for (const subscriber of [...stream.subscribers]) this.#deliver(subscriber, entries)
    }
  }
}
