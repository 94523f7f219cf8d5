import type { StopReason } from './attached-run.ts'
import type { OutputCollector } from './output-collector.ts'
import { type SandboxOutcome, SandboxPlatformError } from './types.ts'

/** What the runner observed about one finished container. */
export interface RunFacts {
  /** Why the runner killed the container itself, if it did. */
  killedBy: StopReason | null
  exitCode: number
  oomKilled: boolean
  stdout: OutputCollector
  stderr: OutputCollector
  durationMs: number
}

/** 128 + SIGKILL: what the init reports when the program was killed outright. */
const SIGKILL_STATUS = 137

/**
 * Turns what happened into an outcome. Precedence, when several apply:
 * cancelled > timeout > output_limit > memory_limit > compile_error > runtime_error.
 * A client's cancel wins: it asked for the run to stop, whatever the run was doing meanwhile.
 * A wall-clock kill wins because it is the limit that stopped the run; an output flood is next because its kill
 * can itself look like a SIGKILL; an OOM kill during compilation is memory, not the user's syntax.
 *
 * memory_limit: the engine's OOMKilled flag, or a SIGKILL status the runner did not send. On cgroup v1 the flag
 * comes from the memory cgroup's OOM event and can be missed when the OOM-killed process is a child of the
 * init; inside the sandbox nobody else can send SIGKILL but the program itself (reported as memory_limit too).
 */
export function classifyOutcome(facts: RunFacts): SandboxOutcome {
  const { stdout, stderr } = facts
  const base = {
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutTruncated: stdout.exceeded,
    stderrTruncated: stderr.exceeded,
    durationMs: Math.round(facts.durationMs),
  }
  // The exit status of a container we killed is ours, not the program's.
  const programExit = facts.killedBy === null ? facts.exitCode : null
  if (facts.killedBy === 'cancel') return { ...base, status: 'FAILED', failureReason: 'cancelled', exitCode: null }
  if (facts.killedBy === 'timeout') return { ...base, status: 'TIMEOUT', failureReason: null, exitCode: null }
  if (facts.killedBy === 'output_limit' || stdout.exceeded || stderr.exceeded)
    return { ...base, status: 'FAILED', failureReason: 'output_limit', exitCode: programExit }
  if (facts.oomKilled || facts.exitCode === SIGKILL_STATUS)
    return { ...base, status: 'FAILED', failureReason: 'memory_limit', exitCode: facts.exitCode }
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
