import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { runAttached } from './attached-run.ts'
import { classifyOutcome } from './classify-outcome.ts'
import { buildContainerSpec } from './container-spec.ts'
import type { EngineEvents } from './engine-events.ts'
import { OutputCollector } from './output-collector.ts'
import { useSandboxContainer, withSandboxContainer } from './sandbox-container.ts'
import { type SandboxOutcome, SandboxPlatformError, type SandboxRequest, type SandboxSettings } from './types.ts'
import { newReportNonce, UsageReportFilter } from './usage-report.ts'
import { WARM_GO } from './warm-container.ts'
import type { WarmPool } from './warm-pool.ts'

export interface RunOptions {
  workerId?: string
  /** Aborting kills the container and ends the run FAILED/cancelled, the output so far kept (a client's cancel). */
  cancel?: AbortSignal | undefined
  /** The program's output as it arrives, the same text (and no more) than the outcome will store. */
  onOutput?: ((stream: 'stdout' | 'stderr', text: string) => void) | undefined
  logger?: Logger
  /** The worker's subscription to its engine's events: a run the engine itself killed is the platform's failure. */
  engineEvents?: EngineEvents | undefined
  /** Given the outcome before the container is removed (the job handler writes it there); its errors pass on as they are. */
  record?: ((outcome: SandboxOutcome) => Promise<void>) | undefined
  /** Where a container created ahead may come from; a miss (or no pool) creates a fresh one. */
  pool?: WarmPool | undefined
}

/** Runs one execution in a new container (a warm one when the pool has it) and says what the program did; always removes the container. */
export async function runInSandbox(
  docker: Docker,
  settings: SandboxSettings,
  request: SandboxRequest,
  options: RunOptions = {},
): Promise<SandboxOutcome> {
  const { limits } = settings
  const { onOutput } = options
  const spec = buildContainerSpec(settings, request, { workerId: options.workerId })
  // Asked while the container is created, so it costs no time.
  const reportsUsage = imageReportsUsage(docker, spec.Image as string)
  const reportNonce = newReportNonce()
  const usageReport = new UsageReportFilter(reportNonce)
  const stdout = new OutputCollector(limits.outputLimitBytes, {
    stripMarker: true,
    usageReport,
    onText: onOutput && ((text) => onOutput('stdout', text)),
  })
  const stderr = new OutputCollector(limits.outputLimitBytes, {
    onText: onOutput && ((text) => onOutput('stderr', text)),
  })
  // Cancelled before it started: it never starts.
  if (options.cancel?.aborted) {
    const outcome = classifyOutcome({
      killedBy: 'cancel',
      exitCode: 0,
      oomKilled: false,
      stdout,
      stderr,
      durationMs: 0,
    })
    await options.record?.(outcome)
    return outcome
  }
  const warm = await options.pool?.take(request.language, request.executionId)
  options.logger?.info({ warm: warm !== undefined }, 'sandbox container ready')
  const watched = async (container: Docker.Container) => {
    options.engineEvents?.watch(container.id)
    try {
      return await runWatched(container)
    } finally {
      options.engineEvents?.forget(container.id)
    }
  }
  if (warm) return useSandboxContainer(warm.container, 'run', options.logger, watched, options.record)
  return withSandboxContainer(docker, spec, 'run', options.logger, watched, options.record)

  async function runWatched(container: Docker.Container): Promise<SandboxOutcome> {
    const payload = stdinPayload(request, (await reportsUsage) ? reportNonce : '')
    const exit = await runAttached(container, {
      stdin: warm ? Buffer.concat([WARM_GO, payload]) : payload,
      stdout,
      stderr,
      timeoutMs: limits.timeoutMs,
      cancel: options.cancel,
      logger: options.logger,
      warm: warm?.stream,
    })
    const stoppedByPlatform = await options.engineEvents?.stoppedByPlatform(container.id, exit.stoppedBy !== null)
    if (stoppedByPlatform) throw new SandboxPlatformError(stoppedByPlatform)
    const state = (await container.inspect()).State
    return classifyOutcome({
      killedBy: exit.stoppedBy,
      exitCode: exit.exitCode ?? state.ExitCode,
      oomKilled: state.OOMKilled === true || usageReport.oomKilled,
      stdout,
      stderr,
      durationMs: exit.durationMs,
      usage: usageReport.usage,
    })
  }
}

/**
 * The header line (the source's length, and the nonce of the usage report when the runner makes one), the
 * source, then the program's stdin: what livecode-run reads (see images/runner).
 */
export function stdinPayload(request: Pick<SandboxRequest, 'sourceCode' | 'stdin'>, reportNonce = ''): Buffer {
  const source = Buffer.from(request.sourceCode, 'utf8')
  const header = reportNonce ? `${source.length} ${reportNonce}\n` : `${source.length}\n`
  return Buffer.concat([Buffer.from(header), source, Buffer.from(request.stdin, 'utf8')])
}

/** The label images/build.sh puts on images whose runner reports usage (older runners would refuse the nonce). */
export const REPORTS_USAGE_LABEL = 'livecode.runner-reports-usage'

/** Any doubt means no report: the run goes on without one. */
async function imageReportsUsage(docker: Docker, image: string): Promise<boolean> {
  try {
    const info = await docker.getImage(image).inspect()
    return info.Config?.Labels?.[REPORTS_USAGE_LABEL] === '1'
  } catch {
    return false
  }
}
