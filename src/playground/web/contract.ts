// The parts of the HTTP contract (DESIGN.md) the page reads. test/playground/contract.test.ts checks that the
// API's own response types still fit these, so a renamed or removed field fails the type check.

/** One of the ids GET /languages lists (a folder under images/). */
export type LanguageId = string
export type ExecutionStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TIMEOUT'

export interface Language {
  language: LanguageId
  name: string
  source_file: string
  example: string
  editor: string | null
  version: string | null
}

export interface Session {
  session_id: string
  language: LanguageId
  source_code: string
  stdin: string
  execution_count: number
}

export interface RunAccepted {
  execution_id: string
  status: 'QUEUED'
  queued_at: string
}

interface ExecutionFields {
  execution_id: string
  session_id: string
  language: LanguageId
  status: ExecutionStatus
  exit_code: number | null
  failure_reason: string | null
  duration_ms: number | null
  cpu_time_ms?: number | null
  peak_memory_bytes?: number | null
  queued_at: string
  started_at: string | null
  finished_at: string | null
}

export interface Execution extends ExecutionFields {
  stdout: string
  stderr: string
  stdout_truncated: boolean
  stderr_truncated: boolean
  test_results?: TestResult[] | null
}

/** A case to judge a run against (POST …/run with test_cases). */
export interface RunTestCase {
  stdin: string
  expected_stdout?: string
}

/** One case of a judged run, as GET /executions/{id} and `event: case` give it (a hidden one: its verdict only). */
export interface TestResult {
  index: number
  verdict: string | null
  stdout?: string | null
}

/** What the run list gives: no output, its sizes instead. */
export interface ExecutionSummary extends ExecutionFields {
  stdout_bytes?: number
  stderr_bytes?: number
}

export interface ExecutionList {
  executions: ExecutionSummary[]
  next_cursor: string | null
}

export const TERMINAL_STATUSES: readonly ExecutionStatus[] = ['COMPLETED', 'FAILED', 'TIMEOUT']

export function isTerminal(status: ExecutionStatus): boolean {
  return TERMINAL_STATUSES.includes(status)
}
