import type { StopReason } from './attached-run.ts'
import type { OutputCollector } from './output-collector.ts'
import { type SandboxOutcome, SandboxPlatformError } from './types.ts'
import { UNKNOWN_USAGE, type Usage } from './usage-report.ts'

/** What the runner observed about one finished container. */
export interface RunFacts {
  /** Why the runner killed the container itself, if it did. */
  killedBy: StopReason | null
  exitCode: number
  oomKilled: boolean
  stdout: OutputCollector
  stderr: OutputCollector
  durationMs: number
  /** What the runner reported the run cost; unknown when absent. */
  usage?: Usage | undefined
}

/**
 * Turns what happened into an outcome. Precedence, when several apply:
 * cancelled > timeout > output_limit > memory_limit > compile_error > runtime_error.
 * A client's cancel wins: it asked for the run to stop, whatever the run was doing meanwhile.
 * A wall-clock kill wins because it is the limit that stopped the run; an output flood is next because its kill
 * can itself look like a SIGKILL; an OOM kill during compilation is memory, not the user's syntax.
 *
 * memory_limit only on evidence that the cgroup's OOM killer acted: the engine's OOMKilled flag, which containerd
 * sets from the memory cgroup's OOM notification (memory.oom_control on cgroup v1, memory.events on v2), sent
 * before the victim dies and so before its exit; or, where that notification was lost, the OOM killer's own count
 * read from the cgroup by the in-container runner (its usage report). A status of 137 alone is no evidence: a program can SIGKILL
 * itself and everything it can reach, or make its supervisor do it; that is its own runtime_error, 128 + n.
 */
export function classifyOutcome(facts: RunFacts): SandboxOutcome {
  const { stdout, stderr } = facts
  const base = {
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutTruncated: stdout.exceeded,
    stderrTruncated: stderr.exceeded,
    durationMs: Math.round(facts.durationMs),
    ...(facts.usage ?? UNKNOWN_USAGE),
  }
  // The exit status of a container we killed is ours, not the program's.
  const programExit = facts.killedBy === null ? facts.exitCode : null
  if (facts.killedBy === 'cancel') return { ...base, status: 'FAILED', failureReason: 'cancelled', exitCode: null }
  if (facts.killedBy === 'timeout') return { ...base, status: 'TIMEOUT', failureReason: null, exitCode: null }
  if (facts.killedBy === 'output_limit' || stdout.exceeded || stderr.exceeded)
    return { ...base, status: 'FAILED', failureReason: 'output_limit', exitCode: programExit }
  if (facts.oomKilled) return { ...base, status: 'FAILED', failureReason: 'memory_limit', exitCode: facts.exitCode }
  const marker = stdout.marker
  if (marker === 'C') return { ...base, status: 'FAILED', failureReason: 'compile_error', exitCode: facts.exitCode }
  if (marker !== 'R') {
    // The runner failed before any user code ran (bad image, broken pipe): the platform's failure.
    throw new SandboxPlatformError(
      `livecode-run exited ${facts.exitCode} without a marker: ${base.stderr.slice(0, 500) || '(no stderr)'}`,
    )
  }
  if (facts.exitCode === 0) return { ...base, status: 'COMPLETED', failureReason: null, exitCode: 0 }
  return { ...base, status: 'FAILED', failureReason: 'runtime_error', exitCode: facts.exitCode }
}
