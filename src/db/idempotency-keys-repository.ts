import { type Kysely, sql } from 'kysely'
import type { Database } from './types.ts'

/**
 * Takes `key` for a new run of the session, unless a run already holds it (and is younger than `ttlSeconds`):
 * true when taken. Concurrent takers of one key queue on its unique index: the first wins, the others see
 * its run once it commits (or take the key themselves if it rolled back). An expired key is taken over.
 */
export async function takeIdempotencyKey(
  db: Kysely<Database>,
  row: { session_id: string; key: string; execution_id: string },
  ttlSeconds: number,
): Promise<boolean> {
  const taken = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .columns(['session_id', 'key'])
        .doUpdateSet({ execution_id: row.execution_id, created_at: sql<Date>`now()` })
        .where('idempotency_keys.created_at', '<', sql<Date>`now() - make_interval(secs => ${ttlSeconds})`),
    )
    .returning('execution_id')
    .executeTakeFirst()
  return taken !== undefined
}

/** The run that holds `key` on the session, if the key is younger than `ttlSeconds`. */
export async function findIdempotentRun(
  db: Kysely<Database>,
  sessionId: string,
  key: string,
  ttlSeconds: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select('execution_id')
    .where('session_id', '=', sessionId)
    .where('key', '=', key)
    .where('created_at', '>=', sql<Date>`now() - make_interval(secs => ${ttlSeconds})`)
    .executeTakeFirst()
  return row?.execution_id
}
