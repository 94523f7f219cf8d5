import { type Kysely, sql } from 'kysely'
import {
  type FailureReason,
  INTERNAL_ERROR_MESSAGE,
  type TerminalStatus,
  UNFINISHED_STATUSES,
  type UnfinishedStatus,
} from '../execution-states.ts'
import type { LanguageId } from '../languages.ts'
import type { Database, Execution } from './types.ts'

export interface ExecutionSnapshot {
  /** Chosen by the caller when it must know the id before the row exists (idempotency keys). */
  id?: string
  session_id: string
  language: LanguageId
  source_code: string
  stdin: string
  client_id?: string
  api_key_id?: string | null
}

export interface ExecutionOutcome {
  status: TerminalStatus
  failure_reason: FailureReason | null
  exit_code: number | null
  stdout: string
  stderr: string
  stdout_truncated: boolean
  stderr_truncated: boolean
  duration_ms: number | null
  cpu_time_ms: number | null
  peak_memory_bytes: number | null
}

export interface ExecutionCursor {
  queuedAt: Date
  id: string
}

export async function insertExecution(db: Kysely<Database>, snapshot: ExecutionSnapshot): Promise<Execution> {
  return db.insertInto('executions').values(snapshot).returningAll().executeTakeFirstOrThrow()
}

export async function findExecution(db: Kysely<Database>, id: string): Promise<Execution | undefined> {
  return db.selectFrom('executions').selectAll().where('id', '=', id).executeTakeFirst()
}

/** What the run list shows of an execution: no source, stdin or output, whose sizes would make a page huge. */
export const SUMMARY_COLUMNS = [
  'id',
  'session_id',
  'language',
  'status',
  'stdout_bytes',
  'stderr_bytes',
  'stdout_truncated',
  'stderr_truncated',
  'exit_code',
  'failure_reason',
  'duration_ms',
  'cpu_time_ms',
  'peak_memory_bytes',
  'queued_at',
  'started_at',
  'finished_at',
  'compare',
  'interactive',
  'input_eof',
] as const satisfies readonly (keyof Execution)[]
export type ExecutionSummary = Pick<Execution, (typeof SUMMARY_COLUMNS)[number]>

/** A session's executions as summaries, newest first; `after` continues a previous page. */
export async function listSessionExecutions(
  db: Kysely<Database>,
  sessionId: string,
  limit: number,
  after?: ExecutionCursor,
): Promise<ExecutionSummary[]> {
  let query = db.selectFrom('executions').select(SUMMARY_COLUMNS).where('session_id', '=', sessionId)
  if (after) {
    query = query.where(sql<boolean>`(queued_at, id) < (${after.queuedAt}, ${after.id})`)
  }
  return query.orderBy('queued_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

/** QUEUED → RUNNING. Returns undefined when another worker has it or it is already terminal. */
export async function markRunning(db: Kysely<Database>, id: string, engineId: string): Promise<Execution | undefined> {
  return db
    .updateTable('executions')
    .set({ status: 'RUNNING', started_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1`, engine_id: engineId })
    .where('id', '=', id)
    .where('status', '=', 'QUEUED')
    .returningAll()
    .executeTakeFirst()
}

/**
 * RUNNING → RUNNING as a new start (`attempts` counts starts): the worker that held this run is gone (its job stalled and
 * came back). Bumping `attempts` fences the old holder out: its later writes name a start that is no
 * longer current and change nothing.
 */
export async function takeOverRunning(
  db: Kysely<Database>,
  id: string,
  seenStart: number,
  engineId: string,
): Promise<Execution | undefined> {
  return db
    .updateTable('executions')
    .set({ started_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1`, engine_id: engineId })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .where('attempts', '=', seenStart)
    .returningAll()
    .executeTakeFirst()
}

/** RUNNING → terminal, for the start that is still current. False when it no longer is (a terminal state never changes). */
export async function markFinished(
  db: Kysely<Database>,
  id: string,
  start: number,
  outcome: ExecutionOutcome,
): Promise<boolean> {
  const result = await db
    .updateTable('executions')
    .set({ ...outcome, finished_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .where('attempts', '=', start)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** RUNNING → QUEUED, so that a retry of a platform failure can take it again. */
export async function markRequeued(db: Kysely<Database>, id: string, start: number): Promise<boolean> {
  const result = await db
    .updateTable('executions')
    .set({ status: 'QUEUED', started_at: null })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .where('attempts', '=', start)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Ends a non-terminal execution with FAILED/internal_error (the platform gave up on it): its language, or null if it had ended. */
export async function markInternalError(db: Kysely<Database>, id: string): Promise<LanguageId | null> {
  const ended = await db
    .updateTable('executions')
    .set({
      status: 'FAILED',
      failure_reason: 'internal_error',
      stderr: INTERNAL_ERROR_MESSAGE,
      finished_at: sql<Date>`now()`,
      duration_ms: null,
    })
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED_STATUSES)
    .returning('language')
    .executeTakeFirst()
  return ended?.language ?? null
}

/** Non-terminal executions last changed before `olderThan` (for the reconciler). */
export async function findUnfinishedBefore(
  db: Kysely<Database>,
  status: UnfinishedStatus,
  olderThan: Date,
  limit: number,
): Promise<Execution[]> {
  const column = status === 'QUEUED' ? 'queued_at' : 'started_at'
  return db
    .selectFrom('executions')
    .selectAll()
    .where('status', '=', status)
    .where(column, '<', olderThan)
    .orderBy(column)
    .limit(limit)
    .execute()
}

/** QUEUED → FAILED/cancelled: the run ends at once and never starts (a claim needs QUEUED). */
export async function cancelQueued(db: Kysely<Database>, id: string): Promise<Execution | undefined> {
  return db
    .updateTable('executions')
    .set({ status: 'FAILED', failure_reason: 'cancelled', finished_at: sql<Date>`now()`, duration_ms: null })
    .where('id', '=', id)
    .where('status', '=', 'QUEUED')
    .returningAll()
    .executeTakeFirst()
}

/** Records that a RUNNING run is to be cancelled (its holder kills it and writes the end); the first request's time stays. */
export async function requestCancel(db: Kysely<Database>, id: string): Promise<Execution | undefined> {
  return db
    .updateTable('executions')
    .set({ cancel_requested_at: sql<Date>`coalesce(cancel_requested_at, now())` })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .returningAll()
    .executeTakeFirst()
}
