import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { classifyOutcome, type RunFacts } from './classify-outcome.ts'
import { buildContainerSpec } from './container-spec.ts'
import { isConflict, isNotFound, toPlatformError } from './docker-errors.ts'
import { collectorSink, OutputCollector } from './output-collector.ts'
import { createSandboxContainer, removeSandboxContainer } from './sandbox-container.ts'
import { type SandboxOutcome, SandboxPlatformError, type SandboxRequest, type SandboxSettings } from './types.ts'

export interface RunOptions {
  workerId?: string
  /** Aborting kills the container and rejects with SandboxPlatformError (the run is handed back, not failed). */
  signal?: AbortSignal
  /** Aborting kills the container and ends the run FAILED/cancelled, the output so far kept (a client's cancel). */
  cancel?: AbortSignal
  /** The program's output as it arrives, the same text (and no more) than the outcome will store. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void
  logger?: Logger
}

/** How long the engine may take to report the exit of a container already killed. */
const EXIT_AFTER_KILL_MS = 15_000
/** How long output may keep draining after the exit is known. */
const DRAIN_AFTER_EXIT_MS = 2_000

/** Runs one execution in a fresh container and says what the program did; always removes the container. */
export async function runInSandbox(
  docker: Docker,
  settings: SandboxSettings,
  request: SandboxRequest,
  options: RunOptions = {},
): Promise<SandboxOutcome> {
  const spec = buildContainerSpec(settings, request, { workerId: options.workerId })
  let container: Docker.Container | undefined
  try {
    options.signal?.throwIfAborted()
    container = await createSandboxContainer(docker, spec)
    return await runContainer(docker, container, settings, request, options)
  } catch (error) {
    throw toPlatformError(error, 'run')
  } finally {
    if (container !== undefined) await removeSandboxContainer(container, options.logger)
  }
}

async function runContainer(
  docker: Docker,
  container: Docker.Container,
  settings: SandboxSettings,
  request: SandboxRequest,
  options: RunOptions,
): Promise<SandboxOutcome> {
  const { limits } = settings
  const { onOutput } = options
  const stdout = new OutputCollector(limits.outputLimitBytes, {
    stripMarker: true,
    onText: onOutput && ((text) => onOutput('stdout', text)),
  })
  const stderr = new OutputCollector(limits.outputLimitBytes, {
    onText: onOutput && ((text) => onOutput('stderr', text)),
  })
  let killedBy: RunFacts['killedBy'] = null
  let killing = false
  const killed = Promise.withResolvers<void>()
  const kill = (reason: 'timeout' | 'output_limit' | 'cancel' | 'abort') => {
    if (killing) return
    killing = true
    if (reason !== 'abort') killedBy = reason
    options.logger?.debug({ reason }, 'killing sandbox container')
    container.kill({ signal: 'SIGKILL' }).then(
      () => killed.resolve(),
      (error) => {
        // 404/409: not running any more, it ended by itself meanwhile.
        if (!isNotFound(error) && !isConflict(error)) options.logger?.warn({ err: error }, 'sandbox kill failed')
        killed.resolve()
      },
    )
  }

  // Attached before start, so not one byte of output is missed.
  const stream = (await container.attach({
    stream: true,
    stdin: true,
    stdout: true,
    stderr: true,
    hijack: true,
  })) as NodeJS.ReadWriteStream & NodeJS.EventEmitter
  const drained = new Promise<void>((resolve) => {
    stream.once('end', resolve)
    stream.once('close', resolve)
    // Writing stdin to a program that exited already breaks the pipe: not an error of the run.
    stream.on('error', (error) => {
      options.logger?.debug({ err: error }, 'attach stream error')
      resolve()
    })
  })
  const onLimit = () => kill('output_limit')
  docker.modem.demuxStream(stream, collectorSink(stdout, onLimit), collectorSink(stderr, onLimit))

  const onAbort = () => kill('abort')
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const onCancel = () => kill('cancel')
  options.cancel?.addEventListener('abort', onCancel, { once: true })
  let timer: NodeJS.Timeout | undefined
  try {
    // An abort that came while the container was being created never reaches the listener.
    if (options.signal?.aborted) throw new SandboxPlatformError('sandbox run aborted')
    // Cancelled before it started: it never starts.
    if (options.cancel?.aborted)
      return classifyOutcome({ killedBy: 'cancel', exitCode: 0, oomKilled: false, stdout, stderr, durationMs: 0 })
    await container.start()
    const startedAt = performance.now()
    timer = setTimeout(() => kill('timeout'), limits.timeoutMs)
    stream.write(stdinPayload(request))
    stream.end()

    // Once killed, the engine gets a bounded time to report the exit: a stuck daemon must not hang the worker.
    const exit = await Promise.race([
      container.wait(),
      killed.promise
        .then(() => delay(EXIT_AFTER_KILL_MS))
        .then((): never => {
          throw new SandboxPlatformError(`container did not exit within ${EXIT_AFTER_KILL_MS} ms of SIGKILL`)
        }),
    ])
    const durationMs = performance.now() - startedAt
    clearTimeout(timer)
    await Promise.race([drained, delay(DRAIN_AFTER_EXIT_MS)])
    if (options.signal?.aborted) throw new SandboxPlatformError('sandbox run aborted')
    const state = (await container.inspect()).State
    return classifyOutcome({
      killedBy,
      exitCode: typeof exit.StatusCode === 'number' ? exit.StatusCode : state.ExitCode,
      oomKilled: state.OOMKilled === true,
      stdout,
      stderr,
      durationMs,
    })
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
    options.cancel?.removeEventListener('abort', onCancel)
    stream.removeAllListeners('data')
    ;(stream as unknown as { destroy?: () => void }).destroy?.()
  }
}

/** The header line, the source, then the program's stdin: what livecode-run reads (see images/runner). */
export function stdinPayload(request: Pick<SandboxRequest, 'sourceCode' | 'stdin'>): Buffer {
  const source = Buffer.from(request.sourceCode, 'utf8')
  return Buffer.concat([Buffer.from(`${source.length}\n`), source, Buffer.from(request.stdin, 'utf8')])
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
