import type { ExecutionOutcome } from '../db/executions-repository.ts'
import type { SandboxOutcome } from '../sandbox/types.ts'

/** The sandbox's camelCase outcome as the executions row stores it. */
export function toExecutionOutcome(outcome: SandboxOutcome): ExecutionOutcome {
  return {
    status: outcome.status,
    failure_reason: outcome.failureReason,
    exit_code: outcome.exitCode,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    stdout_truncated: outcome.stdoutTruncated,
    stderr_truncated: outcome.stderrTruncated,
    duration_ms: outcome.durationMs,
  }
}
