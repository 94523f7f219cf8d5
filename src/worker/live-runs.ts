import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { TestResult } from '../api/schemas/executions.ts'
import type { Database, Execution } from '../db/types.ts'
import { cancelChannel, inputChannel } from '../events/keys.ts'
import { EventPublisher, type EventStreamSettings, type LiveOutput } from '../events/publisher.ts'
import { createProducerConnection, createWorkerConnection } from '../queue/connections.ts'
import { InteractiveInput } from './interactive-input.ts'

/** How long a cancel for a run not in hand is remembered (a claim takes milliseconds). */
const HEARD_KEPT_MS = 60_000

/** One run in this worker's hands, as the live-run machinery sees it. */
export interface LiveRun {
  /** Aborted when a client cancels the run (now, or before this worker took it). */
  readonly cancel: AbortSignal
  /** The program's output as it arrives, for the run's event stream. */
  onOutput(stream: 'stdout' | 'stderr', text: string): void
  /** A judged run's case, once its verdict is known. */
  onCase(result: TestResult): void
  /** An interactive run's further input (the row's, as clients send it); absent for other runs. */
  readonly input: InteractiveInput | undefined
  /** Puts the rest of the output on the stream (boundedly) and lets the run go: call it before writing the end. */
  end(): Promise<void>
}

/**
 * A worker's side of live runs: it publishes each run's status and output to the run's event stream, and
 * hears cancels (a Redis channel every worker listens to; the row's `cancel_requested_at` for what was
 * missed) and aborts the run it holds.
 */
export class LiveRuns {
  readonly #publisher: EventPublisher
  readonly #publishing: Redis
  readonly #cancels: Redis
  readonly #db: Kysely<Database>
  readonly #logger: Logger
  readonly #held = new Map<string, AbortController>()
  readonly #inputs = new Map<string, InteractiveInput>()
  /** Cancels heard for runs not (yet) in hand: one may arrive between a claim and `begin`. */
  readonly #heard = new Map<string, number>()

  constructor(redisUrl: string, settings: EventStreamSettings, db: Kysely<Database>, logger: Logger) {
    // Fails fast: a Redis outage must not hold a run up (PostgreSQL keeps the outcome either way).
    this.#publishing = createProducerConnection(redisUrl, logger)
    this.#publisher = new EventPublisher(this.#publishing, settings, logger)
    this.#cancels = createWorkerConnection(redisUrl, logger)
    this.#db = db
    this.#logger = logger
    const inputs = inputChannel(settings.queueName)
    this.#cancels.on('message', (channel: string, executionId: string) => {
      if (channel === inputs) this.#inputs.get(executionId)?.refresh()
      else this.#cancel(executionId)
    })
    // Messages sent while the subscription was down are lost: the rows say which runs in hand were cancelled.
    let connectedBefore = false
    this.#cancels.on('ready', () => {
      if (connectedBefore) {
        void this.#cancelRequestedMeanwhile()
        for (const input of this.#inputs.values()) input.refresh()
      }
      connectedBefore = true
    })
    void this.#cancels.subscribe(cancelChannel(settings.queueName), inputs).catch((error) => {
      logger.error({ err: error }, 'cancel channel not subscribed')
    })
  }

  begin(execution: Execution): LiveRun {
    const controller = new AbortController()
    this.#held.set(execution.id, controller)
    if (execution.cancel_requested_at || this.#heard.has(execution.id)) controller.abort()
    void this.#publisher.status(execution.id, 'RUNNING')
    const output: LiveOutput = this.#publisher.output(execution.id)
    const cases: Promise<void>[] = []
    const input = execution.interactive
      ? new InteractiveInput(this.#db, execution.id, this.#logger, (text) => output.write('stdin', text))
      : undefined
    if (input) this.#inputs.set(execution.id, input)
    return {
      cancel: controller.signal,
      input,
      onOutput: (stream, text) => output.write(stream, text),
      onCase: (result) => {
        cases.push(this.#publisher.publish(execution.id, [{ event: 'case', data: result }]))
      },
      end: async () => {
        if (this.#held.get(execution.id) === controller) this.#held.delete(execution.id)
        input?.close()
        if (input && this.#inputs.get(execution.id) === input) this.#inputs.delete(execution.id)
        await Promise.all([output.close(), ...cases])
      },
    }
  }

  async close(): Promise<void> {
    await this.#cancels.quit().catch(() => {})
    await this.#publishing.quit().catch(() => {})
  }

  #cancel(executionId: string): void {
    const controller = this.#held.get(executionId)
    if (!controller) {
      this.#remember(executionId)
      return
    }
    if (controller.signal.aborted) return
    this.#logger.info({ executionId }, 'cancel requested: killing the run')
    controller.abort()
  }

  #remember(executionId: string): void {
    const now = Date.now()
    for (const [id, at] of this.#heard) {
      if (now - at < HEARD_KEPT_MS) break
      this.#heard.delete(id)
    }
    this.#heard.set(executionId, now)
  }

  async #cancelRequestedMeanwhile(): Promise<void> {
    const ids = [...this.#held.keys()]
    if (ids.length === 0) return
    try {
      const rows = await this.#db
        .selectFrom('executions')
        .select('id')
        .where('id', 'in', ids)
        .where('cancel_requested_at', 'is not', null)
        .execute()
      for (const { id } of rows) this.#cancel(id)
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not look for cancels missed during a Redis outage')
    }
  }
}
