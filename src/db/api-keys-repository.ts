import { type Kysely, sql } from 'kysely'
import type { ApiKey, Database } from './types.ts'

export interface NewApiKey {
  name: string
  key_hash: string
  sessions_per_minute?: number | null
  runs_per_minute?: number | null
  active_runs?: number | null
}

export async function insertApiKey(db: Kysely<Database>, key: NewApiKey): Promise<ApiKey> {
  return db.insertInto('api_keys').values(key).returningAll().executeTakeFirstOrThrow()
}

/** The key with this hash, unless it was revoked. */
export async function findLiveApiKey(db: Kysely<Database>, keyHash: string): Promise<ApiKey | undefined> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

/** Revokes the live keys with this id or name; returns those revoked. A revoked key is kept (its sessions name it). */
export async function revokeApiKeys(db: Kysely<Database>, by: { id: string } | { name: string }): Promise<ApiKey[]> {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('revoked_at', 'is', null)
    .where((eb) => ('id' in by ? eb('id', '=', by.id) : eb('name', '=', by.name)))
    .returningAll()
    .execute()
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKey[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()
}
