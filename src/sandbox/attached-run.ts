import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { withDockerLimit } from './docker-call-limit.ts'
import { isConflict, isNotFound } from './docker-errors.ts'
import { demuxIntoCollectors, type OutputCollector } from './output-collector.ts'
import { SandboxPlatformError } from './types.ts'

/** Why the worker stopped a container itself; the first reason wins. */
export type StopReason = 'timeout' | 'output_limit' | 'cancel'

export interface AttachedRun {
  /**
   * Written to the container's stdin once it has started; absent: stdin is not attached. Stdin is never closed
   * by the worker: the runner takes its closing for the worker's end, and ends the run (images/runner).
   */
  stdin?: Buffer
  /** Called once `stdin` is written, with a way to write more to the container's stdin (an interactive run). */
  onStdinOpen?: ((write: (bytes: Buffer) => void) => void) | undefined
  stdout: OutputCollector
  stderr: OutputCollector
  /** Wall-clock limit, counted from the start. */
  timeoutMs: number
  /** Aborting kills the container (stoppedBy 'cancel'); the output so far stays in the collectors. */
  cancel?: AbortSignal | undefined
  logger?: Logger | undefined
  /**
   * A container of the warm pool: attached and started already, its program waiting for stdin. The time limit
   * then counts from the moment stdin is written, not from the container's start.
   */
  warm?: AttachStream | undefined
  /**
   * Resolves when the runner has said the run is over (its end lines, see usage-report.ts): every byte of output
   * is in and nothing of the program is left, so the container's own exit need not be waited for.
   */
  reported?: Promise<void> | undefined
  /**
   * Resolves when the engine has seen the container exit (its `die` event, engine-events.ts). Given, the exit is
   * heard rather than asked for: the engine is asked for the exit code only when the runner did not report one.
   * Absent, the engine is asked to wait for the exit.
   */
  exitSeen?: Promise<void> | undefined
}

export interface AttachedExit {
  /** As the engine reported it; null when it did not say (or the run never started). */
  exitCode: number | null
  durationMs: number
  stoppedBy: StopReason | null
  /** The runner's end lines came before the container's exit was known (the exit code is theirs to say). */
  reported: boolean
  /**
   * Resolves once the engine has seen the container exit (at most a bounded while after a report): a container
   * removed after its exit goes in a few milliseconds, one still exiting costs a kill. Never rejects.
   */
  exited: Promise<void>
}

const REPORTED = Symbol('reported')
const EXITED = Symbol('exited')

/** How long the engine may take to report the exit of a container already killed. */
const EXIT_AFTER_KILL_MS = 15_000
/** How long a container whose runner reported its end may take to exit before it is removed all the same. */
const EXIT_AFTER_REPORT_MS = 2_000
/** How long output may keep draining after the exit is known. */
const DRAIN_AFTER_EXIT_MS = 2_000

/**
 * The one path from a created container to its end, for runs and version probes alike: attach (before the
 * start, so no byte is missed), split stdout from stderr into the collectors, start, feed stdin, wait. The
 * container is SIGKILLed at the time limit, when an output cap is crossed, or on a cancel.
 */
export async function runAttached(container: Docker.Container, run: AttachedRun): Promise<AttachedExit> {
  const stream = run.warm ?? (await attach(container, run.stdin !== undefined))
  const drained = endOf(stream, run.logger)
  const stopper = new Stopper(container, run.logger)
  // The only demultiplexing there is: LiveCode's iterative one (docker-modem's recursed once per frame).
  let unframed: Error | undefined
  demuxIntoCollectors(
    stream,
    { stdout: run.stdout, stderr: run.stderr },
    {
      onLimit: () => stopper.stop('output_limit'),
      onError: (error) => {
        unframed = error
        stopper.stop('cancel')
      },
    },
  )
  const onCancel = () => stopper.stop('cancel')
  run.cancel?.addEventListener('abort', onCancel, { once: true })
  let timer: NodeJS.Timeout | undefined
  try {
    // A cancel that came while the container was being created never reaches the listener: it never starts.
    if (run.cancel?.aborted)
      return { exitCode: null, durationMs: 0, stoppedBy: 'cancel', reported: false, exited: Promise.resolve() }
    if (!run.warm) await container.start()
    const startedAt = performance.now()
    timer = setTimeout(() => stopper.stop('timeout'), run.timeoutMs)
    if (run.stdin !== undefined) {
      stream.write(run.stdin)
      run.onStdinOpen?.((bytes) => stream.write(bytes))
    }
    // The exit, as the engine's events tell it or, without them, as a wait request answers it.
    const waited = run.exitSeen ? undefined : container.wait()
    const exited = run.exitSeen ?? (waited as Promise<unknown>)
    // Not waited for when the report comes first: the container is removed (and this answered) soon after.
    exited.catch(noop)
    const reported = run.reported?.then(() => REPORTED) ?? new Promise<never>(() => {})
    // An attach stream that ends with no report means the container is out or going, heard or not (an events
    // stream that broke meanwhile brings no `die`).
    const out = () => EXITED
    const exit = await Promise.race([exited.then(out), drained.then(out), reported, stopper.exitOverdue()])
    const durationMs = performance.now() - startedAt
    clearTimeout(timer)
    if (exit !== REPORTED) await Promise.race([drained, delay(DRAIN_AFTER_EXIT_MS)])
    if (unframed) throw new SandboxPlatformError(`attach stream unreadable: ${unframed.message}`)
    if (exit === REPORTED) {
      const settled = Promise.race([exited.then(noop, noop), delay(EXIT_AFTER_REPORT_MS)])
      return { exitCode: null, durationMs, stoppedBy: stopper.reason, reported: true, exited: settled }
    }
    // The engine answers a wait for a container already out at once, with its status.
    const status = await withDockerLimit(waited ?? container.wait(), 'wait after exit')
    const exitCode = typeof status.StatusCode === 'number' ? status.StatusCode : null
    return { exitCode, durationMs, stoppedBy: stopper.reason, reported: false, exited: Promise.resolve() }
  } finally {
    clearTimeout(timer)
    run.cancel?.removeEventListener('abort', onCancel)
    stream.removeAllListeners('data')
    stream.destroy()
  }
}

export type AttachStream = NodeJS.ReadWriteStream & { destroy(): void }

export async function attach(container: Docker.Container, withStdin: boolean): Promise<AttachStream> {
  const options = { stream: true, stdin: withStdin, stdout: true, stderr: true, hijack: withStdin }
  return (await withDockerLimit(container.attach(options), 'attach')) as AttachStream
}

/** Resolves when the attach stream has ended, whichever way. */
function endOf(stream: AttachStream, logger: Logger | undefined): Promise<void> {
  return new Promise((resolve) => {
    stream.once('end', resolve)
    stream.once('close', resolve)
    // Writing stdin to a program that exited already breaks the pipe: not an error of the run.
    stream.on('error', (error) => {
      logger?.debug({ err: error }, 'attach stream error')
      resolve()
    })
  })
}

/** Kills the container once, remembering why; after a kill the engine has a bounded time to report the exit. */
class Stopper {
  reason: StopReason | null = null
  readonly #killed = Promise.withResolvers<void>()
  readonly #container: Docker.Container
  readonly #logger: Logger | undefined

  constructor(container: Docker.Container, logger: Logger | undefined) {
    this.#container = container
    this.#logger = logger
  }

  stop(reason: StopReason): void {
    if (this.reason !== null) return
    this.reason = reason
    this.#logger?.debug({ reason }, 'killing sandbox container')
    this.#container.kill({ signal: 'SIGKILL' }).then(
      () => this.#killed.resolve(),
      (error) => {
        // 404/409: not running any more, it ended by itself meanwhile.
        if (!isNotFound(error) && !isConflict(error)) this.#logger?.warn({ err: error }, 'sandbox kill failed')
        this.#killed.resolve()
      },
    )
  }

  /** Rejects once a kill has gone unanswered too long: a stuck daemon must not hang the worker. */
  async exitOverdue(): Promise<never> {
    await this.#killed.promise
    await delay(EXIT_AFTER_KILL_MS)
    throw new SandboxPlatformError(`container did not exit within ${EXIT_AFTER_KILL_MS} ms of SIGKILL`)
  }
}

function noop(): void {}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
