import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { WORKER_LABEL } from './labels.ts'

/** How long after a container's exit its `die` event may take to arrive on the stream. */
const DIE_EVENT_WAIT_MS = 5000
/** Pause before subscribing again after the stream broke (the engine restarting, typically). */
const RESUBSCRIBE_AFTER_MS = 1000

interface Watched {
  kills: number
  otherSignals: number
  /** Resolved at its `die`, or at its `destroy` for a container that never ran (its start failed). */
  died: PromiseWithResolvers<void>
  streamLost: boolean
  /** The run is done with it; it is dropped at its end (or when the stream breaks). */
  forgotten: boolean
}

interface DockerEvent {
  Type?: string
  Action?: string
  status?: string
  id?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
}

/**
 * What the engine did to this worker's sandboxes, from one events subscription per worker. An engine that stops
 * (a restart, an upgrade) kills every container it runs before it goes; a program inside sees a signal and exits,
 * which looks like the program's own failure. The engine's `kill` events tell it apart: the worker only ever sends
 * SIGKILL, and nothing inside a container can make a `kill` event. A run killed by anyone but its worker, or
 * whose exit happened while the subscription was broken (no evidence either way), is the platform's failure.
 */
export class EngineEvents {
  readonly #docker: Docker
  readonly #logger: Logger | undefined
  readonly #filters: Record<string, string[]>
  readonly #watched = new Map<string, Watched>()
  #stream: NodeJS.ReadableStream | undefined
  #connected = false
  #closed = false

  private constructor(docker: Docker, workerId: string, logger: Logger | undefined) {
    this.#docker = docker
    this.#logger = logger
    this.#filters = { type: ['container'], event: ['kill', 'die', 'destroy'], label: [`${WORKER_LABEL}=${workerId}`] }
  }

  /** Subscribes to the engine's events about this worker's containers; resolves once subscribed. */
  static async start(docker: Docker, workerId: string, logger?: Logger): Promise<EngineEvents> {
    const events = new EngineEvents(docker, workerId, logger)
    await events.#subscribe()
    return events
  }

  /** Starts recording what happens to a container; call before it starts. */
  watch(containerId: string): void {
    this.#watched.set(containerId, {
      kills: 0,
      otherSignals: 0,
      died: Promise.withResolvers<void>(),
      streamLost: !this.#connected,
      forgotten: false,
    })
  }

  /**
   * Resolves at the container's `die` event: its exit, heard without a request of its own (a `wait` costs the
   * worker and the engine a connection per run). Undefined when the stream cannot be trusted to bring it (not
   * watched, or the stream was down since the watch began): then ask the engine. Never resolves if the stream
   * breaks meanwhile, so callers bound their wait.
   */
  exitOf(containerId: string): Promise<void> | undefined {
    const watched = this.#watched.get(containerId)
    return watched && !watched.streamLost ? watched.died.promise : undefined
  }

  /**
   * After the container's exit: why the platform (not the program) ended it, or null when nothing says so.
   * `workerKilled`: the worker sent its one SIGKILL (time, output cap, cancel). Waits (bounded) for the `die`
   * event, since every `kill` before it arrives first.
   */
  async stoppedByPlatform(containerId: string, workerKilled: boolean): Promise<string | null> {
    const watched = this.#watched.get(containerId)
    if (!watched) return null
    let timer: NodeJS.Timeout | undefined
    const diedInTime = await Promise.race([
      watched.died.promise.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), DIE_EVENT_WAIT_MS)
      }),
    ])
    clearTimeout(timer)
    if (!diedInTime) this.#logger?.debug({ containerId }, 'no die event in time; taking the exit as it is')
    return platformStop(watched, workerKilled)
  }

  /**
   * The same from what has come so far, without waiting for the exit: for a run whose runner reported its end
   * (a signal the engine sent came before the program's death, and so before the report).
   */
  stoppedByPlatformSoFar(containerId: string, workerKilled: boolean): string | null {
    const watched = this.#watched.get(containerId)
    return watched ? platformStop(watched, workerKilled) : null
  }

  /** The run is done with the container; its exit is still heard (exitOf) until its `die` (or `destroy`) arrives. */
  forget(containerId: string): void {
    const watched = this.#watched.get(containerId)
    if (!watched) return
    watched.forgotten = true
    void watched.died.promise.then(() => this.#watched.delete(containerId))
  }

  async close(): Promise<void> {
    this.#closed = true
    const stream = this.#stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined
    stream?.destroy?.()
  }

  async #subscribe(): Promise<void> {
    const stream = (await this.#docker.getEvents({ filters: this.#filters })) as NodeJS.ReadableStream
    this.#stream = stream
    this.#connected = true
    let buffered = ''
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      let newline = buffered.indexOf('\n')
      while (newline >= 0) {
        this.#handle(buffered.slice(0, newline))
        buffered = buffered.slice(newline + 1)
        newline = buffered.indexOf('\n')
      }
    })
    const lost = () => this.#lost(stream)
    stream.once('end', lost)
    stream.once('close', lost)
    stream.on('error', lost)
  }

  #handle(line: string): void {
    let event: DockerEvent
    try {
      event = JSON.parse(line) as DockerEvent
    } catch {
      return
    }
    const watched = this.#watched.get(event.Actor?.ID ?? event.id ?? '')
    if (!watched) return
    const action = event.Action ?? event.status
    // A container whose start failed never dies; its removal is its end all the same.
    if (action === 'die' || action === 'destroy') watched.died.resolve()
    if (action !== 'kill') return
    const signal = event.Actor?.Attributes?.signal
    watched.kills++
    if (signal !== '9' && signal !== 'SIGKILL') watched.otherSignals++
  }

  #lost(stream: NodeJS.ReadableStream): void {
    if (this.#stream !== stream || !this.#connected) return
    this.#connected = false
    for (const [containerId, watched] of this.#watched) {
      watched.streamLost = true
      if (watched.forgotten) this.#watched.delete(containerId)
    }
    if (this.#closed) return
    this.#logger?.warn('Docker events stream lost; runs in flight will be retried; subscribing again')
    const retry = () => {
      if (this.#closed) return
      this.#subscribe().catch(() => setTimeout(retry, RESUBSCRIBE_AFTER_MS).unref())
    }
    setTimeout(retry, RESUBSCRIBE_AFTER_MS).unref()
  }
}

function platformStop(watched: Watched, workerKilled: boolean): string | null {
  if (watched.otherSignals > 0 || watched.kills > (workerKilled ? 1 : 0))
    return 'the engine (or an operator) killed the container'
  if (watched.streamLost) return 'the engine’s events were lost during the run (engine restarting?)'
  return null
}
