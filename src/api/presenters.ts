import type { ExecutionSummary } from '../db/executions-repository.ts'
import type { CodeSession, Execution, TestCase, WebhookDelivery } from '../db/types.ts'
import { isTerminalStatus } from '../execution-states.ts'
import { presentTestResult } from '../judge/present-test-result.ts'
import type { DeliveriesResponse } from './schemas/deliveries.ts'
import type { ExecutionResponse, ExecutionSummaryResponse, RunAccepted } from './schemas/executions.ts'
import type { Session } from './schemas/sessions.ts'

// Rows become the contract's snake_case shapes: ids renamed, timestamps as ISO 8601 UTC strings.

function iso(date: Date): string {
  return date.toISOString()
}

function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null
}

/** PostgreSQL bigints arrive as text. */
function numberOrNull(value: string | number | null): number | null {
  return value === null ? null : Number(value)
}

export function presentSession(row: CodeSession): Session {
  return {
    session_id: row.id,
    language: row.language,
    source_code: row.source_code,
    stdin: row.stdin,
    execution_count: row.execution_count,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  }
}

export function presentRunAccepted(row: Execution): RunAccepted {
  return { execution_id: row.id, session_id: row.session_id, status: 'QUEUED', queued_at: iso(row.queued_at) }
}

/** `cases`: a judged run's test cases (listTestCases), in order; none for a plain run. */
export function presentExecution(row: Execution, cases: readonly TestCase[] = []): ExecutionResponse {
  const ended = isTerminalStatus(row.status)
  const results = row.compare === null ? null : cases.map((testCase) => presentTestResult(testCase, ended))
  const passed = results?.filter((result) => result.verdict === 'accepted').length ?? 0
  return {
    ...presentWithoutOutput(row),
    stdout: row.stdout,
    stderr: row.stderr,
    input: row.input,
    test_results: results,
    test_summary: results === null ? null : { passed, total: results.length },
  }
}

/** `summary`: passed and total cases of a judged run (countPassedCases). */
export function presentExecutionSummary(
  row: ExecutionSummary,
  summary?: { passed: number; total: number },
): ExecutionSummaryResponse {
  return {
    ...presentWithoutOutput(row),
    stdout_bytes: row.stdout_bytes,
    stderr_bytes: row.stderr_bytes,
    test_summary: row.compare === null ? null : (summary ?? null),
  }
}

function presentWithoutOutput(
  row: ExecutionSummary,
): Omit<ExecutionResponse, 'stdout' | 'stderr' | 'input' | 'test_results' | 'test_summary'> {
  return {
    execution_id: row.id,
    session_id: row.session_id,
    language: row.language,
    status: row.status,
    stdout_truncated: row.stdout_truncated,
    stderr_truncated: row.stderr_truncated,
    exit_code: row.exit_code,
    failure_reason: row.failure_reason,
    duration_ms: row.duration_ms,
    cpu_time_ms: numberOrNull(row.cpu_time_ms),
    peak_memory_bytes: numberOrNull(row.peak_memory_bytes),
    queued_at: iso(row.queued_at),
    started_at: isoOrNull(row.started_at),
    finished_at: isoOrNull(row.finished_at),
    interactive: row.interactive,
    input_eof: row.input_eof,
    compare: row.compare,
  }
}

/** A run's callback tries, and where its delivery stands. */
export function presentDeliveries(row: Execution, attempts: WebhookDelivery[]): DeliveriesResponse {
  const delivered = attempts.some((attempt) => attempt.error === null)
  const gaveUp = attempts.some((attempt) => attempt.gave_up)
  return {
    callback_url: row.callback_url,
    state: row.callback_url === null ? 'none' : delivered ? 'delivered' : gaveUp ? 'failed' : 'pending',
    deliveries: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      attempted_at: iso(attempt.attempted_at),
      duration_ms: attempt.duration_ms,
      status_code: attempt.status_code,
      error: attempt.error,
    })),
  }
}
