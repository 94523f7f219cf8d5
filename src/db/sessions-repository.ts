import { type Kysely, sql } from 'kysely'
import type { CompareMode } from '../judge/verdicts.ts'
import type { LanguageId } from '../languages.ts'
import type { CodeSession, Database, Execution } from './types.ts'

export interface SessionFields {
  language: LanguageId
  source_code: string
  stdin: string
}

/** `apiKeyId`: the key making the session, which alone will see it (null: made without a key). */
export async function insertSession(
  db: Kysely<Database>,
  fields: SessionFields,
  apiKeyId: string | null = null,
): Promise<CodeSession> {
  return db
    .insertInto('code_sessions')
    .values({ ...fields, api_key_id: apiKeyId })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findSession(db: Kysely<Database>, id: string): Promise<CodeSession | undefined> {
  return db.selectFrom('code_sessions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function updateSession(
  db: Kysely<Database>,
  id: string,
  changes: Partial<SessionFields>,
): Promise<CodeSession | undefined> {
  return db
    .updateTable('code_sessions')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

export interface RunOfSession {
  executionId: string
  sessionId: string
  /** Who asks (for per-client limits). */
  clientId: string
  /**
   * The API key asking: the session runs only if it belongs to that key (null: to no key), the rule of
   * api/ownership.ts. The run belongs to it too.
   */
  apiKeyId: string | null
  /** A judged run's comparison (its cases are written beside it); null for a plain run. */
  compare?: CompareMode | null
  /** Where the finished execution is POSTed (null: nowhere). */
  callbackUrl?: string | null
  /** Its stdin stays open while it runs (POST /executions/{id}/input). */
  interactive?: boolean
}

/**
 * Counts one more run against the session's cap and snapshots the session into a new QUEUED execution, in one
 * statement. The conditional UPDATE means concurrent requests (across API replicas) can never take the count
 * past `maxRuns`; the session's row stays locked until the caller's transaction ends. Undefined, with nothing
 * written, when the session is missing, owned by another key, or at its cap: the caller tells these apart.
 */
export async function reserveRun(
  db: Kysely<Database>,
  run: RunOfSession,
  maxRuns: number,
): Promise<Execution | undefined> {
  return db
    .with('reserved', (db) =>
      db
        .updateTable('code_sessions')
        .set({ execution_count: sql<number>`execution_count + 1` })
        .where('id', '=', run.sessionId)
        .where('api_key_id', 'is not distinct from', run.apiKeyId)
        .where('execution_count', '<', maxRuns)
        .returning(['id', 'language', 'source_code', 'stdin', 'api_key_id']),
    )
    .insertInto('executions')
    .columns([
      'id',
      'session_id',
      'language',
      'source_code',
      'stdin',
      'client_id',
      'api_key_id',
      'compare',
      'callback_url',
      'interactive',
    ])
    .expression((eb) =>
      eb
        .selectFrom('reserved')
        .select((eb) => [
          eb.val(run.executionId).as('id'),
          'reserved.id as session_id',
          'language',
          'source_code',
          'stdin',
          eb.val(run.clientId).as('client_id'),
          'api_key_id',
          eb.val(run.compare ?? null).as('compare'),
          eb.val(run.callbackUrl ?? null).as('callback_url'),
          eb.val(run.interactive ?? false).as('interactive'),
        ]),
    )
    .returningAll()
    .executeTakeFirst()
}
