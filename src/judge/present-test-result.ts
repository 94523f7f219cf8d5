import type { TestResult } from '../api/schemas/executions.ts'
import type { TestCase } from '../db/types.ts'
import type { CaseResult } from '../sandbox/types.ts'

/** PostgreSQL bigints arrive as text. */
function numberOrNull(value: string | number | null): number | null {
  return value === null ? null : Number(value)
}

/**
 * One case as clients see it (GET, `event: case`, `done`): a hidden case shows its verdict only. `ended`: the
 * run is over, and a case without a verdict was never reached (skipped); before that, its verdict is null.
 */
export function presentTestResult(row: TestCase, ended: boolean): TestResult {
  const verdict = row.verdict ?? (ended ? 'skipped' : null)
  if (row.hidden) return { index: row.index, hidden: true, verdict }
  return {
    index: row.index,
    hidden: false,
    verdict,
    stdin: row.stdin,
    expected_stdout: row.expected_stdout,
    time_limit_ms: row.time_limit_ms,
    stdout: row.stdout,
    stderr: row.stderr,
    stdout_truncated: row.stdout_truncated,
    stderr_truncated: row.stderr_truncated,
    exit_code: row.exit_code,
    duration_ms: row.duration_ms,
    cpu_time_ms: numberOrNull(row.cpu_time_ms),
    peak_memory_bytes: numberOrNull(row.peak_memory_bytes),
  }
}

/** A case's outcome as its row's columns (what recordCaseResults writes). */
export function caseResultColumns(result: CaseResult) {
  return {
    verdict: result.verdict,
    exit_code: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    stdout_truncated: result.stdoutTruncated,
    stderr_truncated: result.stderrTruncated,
    duration_ms: result.durationMs,
    cpu_time_ms: result.cpuTimeMs,
    peak_memory_bytes: result.peakMemoryBytes,
  }
}

/** The case's row as it will be once its result is written (for the live event sent before that). */
export function withResult(row: TestCase, result: CaseResult): TestCase {
  const columns = caseResultColumns(result)
  return {
    ...row,
    ...columns,
    cpu_time_ms: columns.cpu_time_ms === null ? null : String(columns.cpu_time_ms),
    peak_memory_bytes: columns.peak_memory_bytes === null ? null : String(columns.peak_memory_bytes),
  }
}
