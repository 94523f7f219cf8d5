import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { ExecutionStatus } from '../execution-states.ts'
import { eventStreamKey } from './keys.ts'
import { type LiveEvent, toFields } from './live-event.ts'
import type { EventsLogger } from './logger.ts'

export interface EventStreamSettings {
  queueName: string
  /** Entries kept per stream (approximate trimming, oldest first). */
  maxEntries: number
  /** The stream expires this long after its last entry. */
  ttlSeconds: number
}

export function eventStreamSettingsFrom(
  config: Pick<Config, 'QUEUE_NAME' | 'EVENT_STREAM_MAX_ENTRIES' | 'EVENT_STREAM_TTL_SECONDS'>,
): EventStreamSettings {
  return {
    queueName: config.QUEUE_NAME,
    maxEntries: config.EVENT_STREAM_MAX_ENTRIES,
    ttlSeconds: config.EVENT_STREAM_TTL_SECONDS,
  }
}

/** Output is gathered for this long before it is published: one entry per burst instead of one per write. */
export const OUTPUT_COALESCE_MS = 20
/** Longest a worker waits for Redis when flushing a run's output before it writes the run's end. */
const FLUSH_WAIT_MS = 2000

/**
 * Publishes runs' events to their Redis Streams. Live events are a courtesy, PostgreSQL holds the truth:
 * a failed publish is logged, never thrown, and never holds a run up for long. The connection should
 * fail fast (the producer kind), so that a Redis outage costs a run nothing.
 */
export class EventPublisher {
  readonly #redis: Redis
  readonly #settings: EventStreamSettings
  readonly #logger: EventsLogger

  constructor(redis: Redis, settings: EventStreamSettings, logger: EventsLogger) {
    this.#redis = redis
    this.#settings = settings
    this.#logger = logger
  }

  async publish(executionId: string, events: LiveEvent[]): Promise<void> {
    if (events.length === 0) return
    await readyWithin(this.#redis, CONNECT_WAIT_MS)
    const key = eventStreamKey(this.#settings.queueName, executionId)
    const pipeline = this.#redis.pipeline()
    for (const event of events) {
      pipeline.xadd(key, 'MAXLEN', '~', this.#settings.maxEntries, '*', ...toFields(event))
    }
    pipeline.expire(key, this.#settings.ttlSeconds)
    try {
      const results = (await pipeline.exec()) ?? []
      const failed = results.find(([error]) => error)
      if (failed) throw failed[0]
    } catch (error) {
      this.#logger.warn({ err: error, executionId }, 'live events not published')
    }
  }

  status(executionId: string, status: ExecutionStatus): Promise<void> {
    return this.publish(executionId, [{ event: 'status', data: { status } }])
  }

  /** A writer of one run's output, coalescing bursts; `close()` publishes what is left. */
  output(executionId: string): LiveOutput {
    return new LiveOutput((events) => this.publish(executionId, events))
  }
}

/** One run's output on its way to the stream, in the order written, stdout and stderr interleaved. */
export class LiveOutput {
  readonly #publish: (events: LiveEvent[]) => Promise<void>
  #pending: { event: 'stdout' | 'stderr' | 'stdin'; data: { data: string } }[] = []
  #timer: NodeJS.Timeout | undefined
  #flushing: Promise<void> = Promise.resolve()

  constructor(publish: (events: LiveEvent[]) => Promise<void>) {
    this.#publish = publish
  }

  /** `stdin`: what an interactive run was sent, echoed where it came in the conversation. */
  write(stream: 'stdout' | 'stderr' | 'stdin', text: string): void {
    if (text === '') return
    const last = this.#pending.at(-1)
    if (last?.event === stream) last.data.data += text
    else this.#pending.push({ event: stream, data: { data: text } })
    this.#timer ??= setTimeout(() => void this.#flush(), OUTPUT_COALESCE_MS)
  }

  #flush(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const events = this.#pending
    this.#pending = []
    // One flush at a time, so entries keep the order they were written in.
    this.#flushing = this.#flushing.then(() => this.#publish(events))
    return this.#flushing
  }

  /** Publishes what is pending and waits (boundedly) until everything written so far is on the stream. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FLUSH_WAIT_MS)
    })
    await Promise.race([this.#flush(), timeout])
    clearTimeout(timer)
  }
}

/** How long a publish waits for a connection still being made (it fails fast rather than queue commands). */
const CONNECT_WAIT_MS = 1000

/** Resolves once the connection is ready, or after `ms` (the publish then fails and is logged). */
async function readyWithin(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    redis.once('ready', done)
  })
}
