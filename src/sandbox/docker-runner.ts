import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { runAttached } from './attached-run.ts'
import { classifyOutcome } from './classify-outcome.ts'
import { buildContainerSpec } from './container-spec.ts'
import { OutputCollector } from './output-collector.ts'
import { withSandboxContainer } from './sandbox-container.ts'
import type { SandboxOutcome, SandboxRequest, SandboxSettings } from './types.ts'

export interface RunOptions {
  workerId?: string
  /** Aborting kills the container and ends the run FAILED/cancelled, the output so far kept (a client's cancel). */
  cancel?: AbortSignal | undefined
  /** The program's output as it arrives, the same text (and no more) than the outcome will store. */
  onOutput?: ((stream: 'stdout' | 'stderr', text: string) => void) | undefined
  logger?: Logger
}

/** Runs one execution in a fresh container and says what the program did; always removes the container. */
export async function runInSandbox(
  docker: Docker,
  settings: SandboxSettings,
  request: SandboxRequest,
  options: RunOptions = {},
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
  // Cancelled before it started: it never starts.
  if (options.cancel?.aborted)
    return classifyOutcome({ killedBy: 'cancel', exitCode: 0, oomKilled: false, stdout, stderr, durationMs: 0 })
  const spec = buildContainerSpec(settings, request, { workerId: options.workerId })
  return withSandboxContainer(docker, spec, 'run', options.logger, async (container) => {
    const exit = await runAttached(container, {
      stdin: stdinPayload(request),
      stdout,
      stderr,
      timeoutMs: limits.timeoutMs,
      cancel: options.cancel,
      logger: options.logger,
    })
    const state = (await container.inspect()).State
    return classifyOutcome({
      killedBy: exit.stoppedBy,
      exitCode: exit.exitCode ?? state.ExitCode,
      oomKilled: state.OOMKilled === true,
      stdout,
      stderr,
      durationMs: exit.durationMs,
    })
  })
}

/** The header line, the source, then the program's stdin: what livecode-run reads (see images/runner). */
export function stdinPayload(request: Pick<SandboxRequest, 'sourceCode' | 'stdin'>): Buffer {
  const source = Buffer.from(request.sourceCode, 'utf8')
  return Buffer.concat([Buffer.from(`${source.length}\n`), source, Buffer.from(request.stdin, 'utf8')])
}
