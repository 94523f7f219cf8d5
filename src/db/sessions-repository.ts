import { type Kysely, sql } from 'kysely'
import type { LanguageId } from '../languages.ts'
import type { CodeSession, Database } from './types.ts'

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

export type SlotReservation =
  | { kind: 'reserved'; session: CodeSession }
  | { kind: 'not_found' }
  | { kind: 'limit_reached' }

/**
 * Counts one more run against the session's cap in a single conditional UPDATE, so that concurrent
 * requests (across API replicas) can never take the count past `maxRuns`. The row stays locked until
 * the caller's transaction ends, which also makes the snapshot that follows consistent.
 */
export async function reserveExecutionSlot(
  db: Kysely<Database>,
  id: string,
  maxRuns: number,
): Promise<SlotReservation> {
  const session = await db
    .updateTable('code_sessions')
    .set({ execution_count: sql<number>`execution_count + 1` })
    .where('id', '=', id)
    .where('execution_count', '<', maxRuns)
    .returningAll()
    .executeTakeFirst()
  if (session) return { kind: 'reserved', session }
  const exists = await db.selectFrom('code_sessions').select('id').where('id', '=', id).executeTakeFirst()
  return exists ? { kind: 'limit_reached' } : { kind: 'not_found' }
}
