import { randomUUID } from 'node:crypto'
import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { LANGUAGE_IDS, type LanguageId } from '../languages.ts'
import { type AttachStream, attach } from './attached-run.ts'
import { isNotFound } from './docker-errors.ts'
import { createSandboxContainer, removeSandboxContainer } from './sandbox-container.ts'
import type { SandboxSettings } from './types.ts'
import { buildWarmContainerSpec, runContainerName, WARM_NAME_PREFIX } from './warm-container.ts'

export interface WarmPoolSettings {
  /** Containers kept waiting per language; 0 keeps none of that language. */
  sizes: Record<LanguageId, number>
  /** A container waiting longer than this is removed and replaced (it never runs stale or for ever). */
  idleMs: number
  /** Containers being created at once, all languages together: refills never crowd out running programs. */
  maxConcurrentCreates: number
  workerId: string
}

/** A container of the pool, attached and started, its runner waiting for the source on stdin. */
export interface WarmContainer {
  container: Docker.Container
  stream: AttachStream
}

interface Entry extends WarmContainer {
  language: LanguageId
  createdAt: number
  ended: boolean
}

/** Recycling looks this many times per idle bound, so no container waits longer than 1.25 × idleMs. */
const CHECKS_PER_IDLE = 4
/** After a failed create (an image missing, the engine away) the pool waits before trying again. */
const RETRY_AFTER_FAILURE_MS = 5000
/** Time from creating a container to its start, beyond the idle bound, that its own deadline allows. */
const CREATE_ALLOWANCE_MS = 30_000

/** How long a warm container may wait for its run in the worst case: what its deadlines must cover. */
export function warmIdleAllowanceMs(idleMs: number): number {
  return idleMs + Math.ceil(idleMs / CHECKS_PER_IDLE) + CREATE_ALLOWANCE_MS
}

/**
 * Containers created and started ahead of their runs, per language, so that a run skips create, attach and
 * start. Each is taken once (then the runner removes it like any other), refilled in the background with a
 * bounded number of creates at once, and recycled once it has waited `idleMs`. A miss is not an error: the
 * runner creates a fresh container as it always did. Warm containers carry the worker's label and a lifetime,
 * so that they are reaped like the rest if the worker dies.
 */
export class WarmPool {
  readonly #docker: Docker
  readonly #sandbox: SandboxSettings
  readonly #settings: WarmPoolSettings
  readonly #logger: Logger
  readonly #ready = new Map<LanguageId, Entry[]>()
  readonly #creating = new Map<LanguageId, number>()
  readonly #pending = new Set<Promise<void>>()
  #activeCreates = 0
  #retryAt = 0
  #closed = false
  #timer: NodeJS.Timeout | undefined
  hits = 0
  misses = 0

  constructor(docker: Docker, sandbox: SandboxSettings, settings: WarmPoolSettings, logger: Logger) {
    this.#docker = docker
    this.#sandbox = sandbox
    this.#settings = settings
    this.#logger = logger.child({ component: 'warm-pool' })
    for (const language of LANGUAGE_IDS) {
      this.#ready.set(language, [])
      this.#creating.set(language, 0)
    }
  }

  start(): void {
    this.#timer = setInterval(() => this.#recycle(), Math.max(100, Math.floor(this.#settings.idleMs / CHECKS_PER_IDLE)))
    this.#timer.unref()
    this.#refill()
  }

  /** Containers waiting now, per language. */
  readyCount(language: LanguageId): number {
    return this.#ready.get(language)?.filter((entry) => !entry.ended).length ?? 0
  }

  /**
   * A waiting container for this execution; undefined on a miss. The caller owns it from here: it writes the
   * source and removes it after. It is named after the execution meanwhile (for operators, and for a take-over on
   * this engine to find it); nothing waits for that.
   */
  take(language: LanguageId, executionId: string): WarmContainer | undefined {
    const ready = this.#ready.get(language) ?? []
    let entry = ready.shift()
    while (entry?.ended) {
      this.#discard(entry)
      entry = ready.shift()
    }
    this.#refill()
    if (!entry) {
      if ((this.#settings.sizes[language] ?? 0) > 0) this.misses++
      return undefined
    }
    this.hits++
    const { container } = entry
    this.#track(
      container.rename({ name: runContainerName(executionId) }).catch((error: unknown) => {
        if (!isNotFound(error)) this.#logger.warn({ err: error, language }, 'warm container not renamed')
      }),
    )
    entry.stream.removeAllListeners('end')
    entry.stream.removeAllListeners('close')
    return { container, stream: entry.stream }
  }

  /** Stops refilling and removes every waiting container. */
  async close(): Promise<void> {
    this.#closed = true
    clearInterval(this.#timer)
    for (const entries of this.#ready.values()) for (const entry of entries.splice(0)) this.#discard(entry)
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
    this.#logger.info({ hits: this.hits, misses: this.misses }, 'warm pool closed')
  }

  #refill(): void {
    if (this.#closed || Date.now() < this.#retryAt) return
    for (const language of LANGUAGE_IDS) {
      const wanted = this.#settings.sizes[language] ?? 0
      while (
        this.#activeCreates < this.#settings.maxConcurrentCreates &&
        this.readyCount(language) + (this.#creating.get(language) ?? 0) < wanted
      )
        this.#track(this.#create(language))
    }
  }

  async #create(language: LanguageId): Promise<void> {
    this.#activeCreates++
    this.#creating.set(language, (this.#creating.get(language) ?? 0) + 1)
    let container: Docker.Container | undefined
    try {
      const spec = buildWarmContainerSpec(this.#sandbox, language, {
        workerId: this.#settings.workerId,
        idleMs: warmIdleAllowanceMs(this.#settings.idleMs),
      })
      container = await createSandboxContainer(this.#docker, { ...spec, name: `${WARM_NAME_PREFIX}${randomUUID()}` })
      const stream = await attach(container, true)
      await container.start()
      const entry: Entry = { container, stream, language, createdAt: Date.now(), ended: false }
      const ended = () => {
        entry.ended = true
      }
      stream.once('end', ended)
      stream.once('close', ended)
      stream.on('error', ended)
      if (this.#closed) this.#discard(entry)
      else this.#ready.get(language)?.push(entry)
    } catch (error) {
      this.#logger.warn({ err: error, language }, 'warm container not created; retrying later')
      this.#retryAt = Date.now() + RETRY_AFTER_FAILURE_MS
      if (container) await removeSandboxContainer(container, this.#logger)
      setTimeout(() => this.#refill(), RETRY_AFTER_FAILURE_MS).unref()
    } finally {
      this.#activeCreates--
      this.#creating.set(language, (this.#creating.get(language) ?? 1) - 1)
    }
    this.#refill()
  }

  #recycle(): void {
    const oldest = Date.now() - this.#settings.idleMs
    for (const entries of this.#ready.values()) {
      const stale = entries.filter((entry) => entry.ended || entry.createdAt < oldest)
      for (const entry of stale) {
        entries.splice(entries.indexOf(entry), 1)
        this.#discard(entry)
      }
    }
    this.#refill()
  }

  #discard(entry: Entry): void {
    entry.stream.destroy()
    this.#track(removeSandboxContainer(entry.container, this.#logger))
  }

  #track(work: Promise<void>): void {
    this.#pending.add(work)
    void work.finally(() => this.#pending.delete(work))
  }
}
