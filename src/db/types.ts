import type { ColumnType, Generated, GeneratedAlways, Selectable } from 'kysely'
import type { ExecutionStatus, FailureReason } from '../execution-states.ts'
import type { CaseVerdict, CompareMode } from '../judge/verdicts.ts'
import type { LanguageId } from '../languages.ts'

/** Filled by PostgreSQL's now() when not given. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface CodeSessionTable {
  id: Generated<string>
  language: LanguageId
  source_code: Generated<string>
  stdin: Generated<string>
  execution_count: Generated<number>
  /** The API key that made the session (null: none); only that key sees it. */
  api_key_id: string | null
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
  /** Who asked for the run (`key:<api key id>` or `addr:<address>`); null for runs older than admission control. */
  client_id: string | null
  /** The session's API key, copied: only that key sees the execution. */
  api_key_id: string | null
  /** The Docker engine running the current start (its `docker info` ID). */
  engine_id: string | null
  /** CPU time of the run's container (compile included); null where unknown. bigint: pg returns it as text. */
  cpu_time_ms: ColumnType<string | null, number | null | undefined, number | null>
  /** Peak memory of the run's container; null where unknown. */
  peak_memory_bytes: ColumnType<string | null, number | null | undefined, number | null>
  /** A judged run's comparison (its cases are in execution_test_cases); null for a plain run. */
  compare: ColumnType<CompareMode | null, CompareMode | null | undefined, CompareMode | null>
  /** Its stdin stays open while it runs: clients send more with POST /executions/{id}/input. */
  interactive: Generated<boolean>
  /** What clients sent to an interactive run's stdin while it ran, in order. */
  input: Generated<string>
  /** A client closed the interactive run's stdin. */
  input_eof: Generated<boolean>
  /** Set when a client asked to cancel the run while it was RUNNING: its holder kills it. */
  cancel_requested_at: NullableTimestamp
  /** Where the finished execution is POSTed, signed (null: nowhere). */
  callback_url: Generated<string | null>
  /** When the callback's delivery job was queued; null while it has not been (the reconciler queues it then). */
  callback_queued_at: NullableTimestamp
  queued_at: Timestamp
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
}

export interface IdempotencyKeyTable {
  session_id: string
  key: string
  execution_id: string
  created_at: Timestamp
}

export interface LanguageVersionTable {
  language: LanguageId
  version: string
  reported_at: Timestamp
}

export interface ApiKeyTable {
  id: Generated<string>
  name: string
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  key_hash: string
  /** Limits of this key; null: the configured default. */
  sessions_per_minute: number | null
  runs_per_minute: number | null
  active_runs: number | null
  /** Signs the callbacks of this key's runs (HMAC-SHA256); stored as it is, since signing needs it. */
  webhook_secret: Generated<string>
  created_at: Timestamp
  revoked_at: NullableTimestamp
}

/** One test case of a judged run: what was asked when it was queued, what happened once it has ended. */
export interface TestCaseTable {
  execution_id: string
  index: number
  stdin: string
  expected_stdout: string | null
  time_limit_ms: number
  /** Its stdin, expected and actual output are never returned: only its verdict. */
  hidden: Generated<boolean>
  /** null until the run has ended. */
  verdict: CaseVerdict | null
  exit_code: number | null
  stdout: string | null
  stderr: string | null
  stdout_truncated: Generated<boolean>
  stderr_truncated: Generated<boolean>
  duration_ms: number | null
  cpu_time_ms: ColumnType<string | null, number | null | undefined, number | null>
  peak_memory_bytes: ColumnType<string | null, number | null | undefined, number | null>
}

export interface WebhookDeliveryTable {
  id: GeneratedAlways<string>
  execution_id: string
  /** 1 for the first try. */
  attempt: number
  attempted_at: Date
  duration_ms: number
  /** The receiver's HTTP status; null when none came (refused target, connection error, timeout). */
  status_code: number | null
  error: string | null
  /** The last try: it failed and none will follow (tries spent, or a target that can never be reached). */
  gave_up: Generated<boolean>
}

export interface Database {
  execution_test_cases: TestCaseTable
  api_keys: ApiKeyTable
  code_sessions: CodeSessionTable
  executions: ExecutionTable
  language_versions: LanguageVersionTable
  idempotency_keys: IdempotencyKeyTable
  webhook_deliveries: WebhookDeliveryTable
}

export type CodeSession = Selectable<CodeSessionTable>
export type Execution = Selectable<ExecutionTable>
export type ApiKey = Selectable<ApiKeyTable>
export type TestCase = Selectable<TestCaseTable>
export type WebhookDelivery = Selectable<WebhookDeliveryTable>
