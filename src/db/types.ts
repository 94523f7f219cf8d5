import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely'
import type { LanguageId } from '../languages.ts'

export const EXECUTION_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'TIMEOUT'] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]
export const TERMINAL_STATUSES = ['COMPLETED', 'FAILED', 'TIMEOUT'] as const satisfies readonly ExecutionStatus[]
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number]

export const FAILURE_REASONS = [
  'compile_error',
  'runtime_error',
  'memory_limit',
  'output_limit',
  'internal_error',
] as const
export type FailureReason = (typeof FAILURE_REASONS)[number]

/** Filled by PostgreSQL's now() when not given. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface CodeSessionTable {
  id: Generated<string>
  language: LanguageId
  source_code: Generated<string>
  stdin: Generated<string>
  execution_count: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ExecutionTable {
  id: Generated<string>
  session_id: string
  language: LanguageId
  source_code: string
  stdin: string
  status: Generated<ExecutionStatus>
  stdout: Generated<string>
  stderr: Generated<string>
  stdout_truncated: Generated<boolean>
  stderr_truncated: Generated<boolean>
  /** Kept by PostgreSQL: the UTF-8 byte size of the stored stdout / stderr. */
  stdout_bytes: GeneratedAlways<number>
  stderr_bytes: GeneratedAlways<number>
  exit_code: number | null
  failure_reason: FailureReason | null
  duration_ms: number | null
  attempts: Generated<number>
  /** The Docker engine running the current attempt (its `docker info` ID). */
  engine_id: string | null
  queued_at: Timestamp
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
}

export interface LanguageVersionTable {
  language: LanguageId
  version: string
  reported_at: Timestamp
}

export interface Database {
  code_sessions: CodeSessionTable
  executions: ExecutionTable
  language_versions: LanguageVersionTable
}

export type CodeSession = Selectable<CodeSessionTable>
export type NewCodeSession = Insertable<CodeSessionTable>
export type CodeSessionUpdate = Updateable<CodeSessionTable>
export type Execution = Selectable<ExecutionTable>
