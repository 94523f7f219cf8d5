import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { runAttached } from './attached-run.ts'
import type { BackgroundRemovals } from './background-removals.ts'
import { classifyJudgedOutcome } from './classify-judged-outcome.ts'
import { classifyOutcome } from './classify-outcome.ts'
import { buildContainerSpec } from './container-spec.ts'
import type { EngineEvents } from './engine-events.ts'
import { JudgedCases } from './judged-cases.ts'
import { OutputCollector } from './output-collector.ts'
import { removeSandboxContainer, useSandboxContainer, withSandboxContainer } from './sandbox-container.ts'
import {
  type CaseResult,
  type InputFeed,
  type SandboxOutcome,
  SandboxPlatformError,
  type SandboxRequest,
  type SandboxSettings,
} from './types.ts'
import { newReportNonce, UsageReportFilter } from './usage-report.ts'
import type { WarmPool } from './warm-pool.ts'

export interface RunOptions {
  workerId?: string
  /** Aborting kills the container and ends the run FAILED/cancelled, the output so far kept (a client's cancel). */
  cancel?: AbortSignal | undefined
  /** The program's output as it arrives, the same text (and no more) than the outcome will store. */
  onOutput?: ((stream: 'stdout' | 'stderr', text: string) => void) | undefined
  /** An interactive run's further input (request.interactive). */
  input?: InputFeed | undefined
  /** A judged run's case, as soon as its verdict is known. */
  onCase?: ((result: CaseResult) => void) | undefined
  logger?: Logger
  /** The worker's subscription to its engine's events: a run the engine itself killed is the platform's failure. */
  engineEvents?: EngineEvents | undefined
  /** Given the outcome before the container is removed (the job handler writes it there); its errors pass on as they are. */
  record?: ((outcome: SandboxOutcome) => Promise<void>) | undefined
  /** Where a container created ahead may come from; a miss (or no pool) creates a fresh one. */
  pool?: WarmPool | undefined
  /** Given: the container is removed after the run returns (the outcome recorded already); else before. */
  removals?: BackgroundRemovals | undefined
}

/** Runs one execution in a new container (a warm one when the pool has it) and says what the program did; always removes the container (see `removals`). */
export async function runInSandbox(
  docker: Docker,
  settings: SandboxSettings,
  request: SandboxRequest,
  options: RunOptions = {},
): Promise<SandboxOutcome> {
  const { limits } = settings
  const { onOutput } = options
  const spec = buildContainerSpec(settings, request, { workerId: options.workerId })
  const reportNonce = newReportNonce()
  // The outcome is known once both end lines are in, unless the report cannot tell an OOM kill (gVisor): then
  // the engine's flag, after the exit, must.
  const reported = Promise.withResolvers<void>()
  const onEndLine = () => {
    if (usageReport.complete && stderrEnd.complete && usageReport.oomCounted) reported.resolve()
  }
  const usageReport = new UsageReportFilter(reportNonce, onEndLine)
  const stderrEnd = new UsageReportFilter(reportNonce, onEndLine)
  const judged = request.testCases?.length
    ? new JudgedCases(request.testCases, request.compare ?? 'lines', limits.outputLimitBytes, options.onCase)
    : undefined
  const stdout = new OutputCollector(limits.outputLimitBytes, {
    stripMarker: true,
    usageReport,
    judged: judged?.stream('stdout', reportNonce),
    onText: onOutput && ((text) => onOutput('stdout', text)),
  })
  const stderr = new OutputCollector(limits.outputLimitBytes, {
    usageReport: stderrEnd,
    judged: judged?.stream('stderr', reportNonce),
    onText: onOutput && ((text) => onOutput('stderr', text)),
  })
  // Cancelled before it started: it never starts.
  if (options.cancel?.aborted) {
    const facts = { killedBy: 'cancel' as const, exitCode: 0, oomKilled: false, stdout, stderr, durationMs: 0 }
    const outcome = judged ? classifyJudgedOutcome(facts, judged) : classifyOutcome(facts)
    await options.record?.(outcome)
    return outcome
  }
  const warm = options.pool?.take(request.language, request.executionId)
  options.logger?.info({ warm: warm !== undefined }, 'sandbox container ready')
  const watched = async (container: Docker.Container) => {
    options.engineEvents?.watch(container.id)
    try {
      return await runWatched(container)
    } finally {
      options.engineEvents?.forget(container.id)
    }
  }
  // A container whose runner reported its end is still on its way out: it is removed once out (cheaper than a
  // kill), and, with background removals, after the run has returned.
  let exited: Promise<void> = Promise.resolve()
  const removeOnceOut = (container: Docker.Container) => {
    const removal = exited.then(() => removeSandboxContainer(container, options.logger))
    if (!options.removals) return removal
    options.removals.add(removal)
    return Promise.resolve()
  }
  const record = options.record ?? (async () => {})
  if (warm) return useSandboxContainer(warm.container, 'run', options.logger, watched, record, removeOnceOut)
  return withSandboxContainer(docker, spec, 'run', options.logger, watched, record, removeOnceOut)

  async function runWatched(container: Docker.Container): Promise<SandboxOutcome> {
    const exit = await runAttached(container, {
      stdin: stdinPayload(request, reportNonce, limits.outputLimitBytes),
      onStdinOpen:
        request.interactive && options.input
          ? (write) =>
              options.input?.open({
                write: (data) => write(Buffer.concat([Buffer.from(`${data.length}\n`), data])),
                end: () => write(Buffer.from('0\n')),
              })
          : undefined,
      stdout,
      stderr,
      timeoutMs: limits.timeoutMs,
      cancel: options.cancel,
      logger: options.logger,
      warm: warm?.stream,
      reported: reported.promise,
      exitSeen: options.engineEvents?.exitOf(container.id),
    })
    exited = exit.exited
    const workerKilled = exit.stoppedBy !== null
    const stoppedByPlatform = exit.reported
      ? options.engineEvents?.stoppedByPlatformSoFar(container.id, workerKilled)
      : await options.engineEvents?.stoppedByPlatform(container.id, workerKilled)
    if (stoppedByPlatform) throw new SandboxPlatformError(stoppedByPlatform)
    // Reported: the runner's word is the outcome (the container may still be on its way out).
    const state = exit.reported ? undefined : (await container.inspect()).State
    const facts = {
      killedBy: exit.stoppedBy,
      exitCode: usageReport.exitCode ?? exit.exitCode ?? state?.ExitCode ?? -1,
      oomKilled: state?.OOMKilled === true || usageReport.oomKilled,
      stdout,
      stderr,
      durationMs: exit.durationMs,
      usage: usageReport.usage,
    }
    return judged ? classifyJudgedOutcome(facts, judged) : classifyOutcome(facts)
  }
}

/**
 * The header line (the source's length, the stdin's length, the nonce of the end lines, the number of test cases
 * and whether the run is interactive: its further input then comes as frames, "<length>\n<bytes>"), the source, then the program's stdin or, for a judged run, each case's line (its stdin's length, time
 * limit and output cap) and stdin: what livecode-run reads (see images/runner/livecode-run.c).
 */
export function stdinPayload(
  request: Pick<SandboxRequest, 'sourceCode' | 'stdin' | 'testCases' | 'interactive'>,
  reportNonce: string,
  outputLimitBytes = 0,
): Buffer {
  const source = Buffer.from(request.sourceCode, 'utf8')
  const cases = request.testCases ?? []
  const stdin = Buffer.from(cases.length > 0 ? '' : request.stdin, 'utf8')
  const interactive = request.interactive ? 1 : 0
  const header = `${source.length} ${stdin.length} ${reportNonce} ${cases.length} ${interactive}\n`
  const parts = [Buffer.from(header), source, stdin]
  for (const testCase of cases) {
    const caseStdin = Buffer.from(testCase.stdin, 'utf8')
    parts.push(Buffer.from(`${caseStdin.length} ${testCase.timeLimitMs} ${outputLimitBytes}\n`), caseStdin)
  }
  return Buffer.concat(parts)
}
