import { type Kysely, sql } from 'kysely'
import type { Database } from './types.ts'

// Each call deletes at most `batch` rows, oldest first, in one short statement. Rows another worker is
// deleting at the same moment are skipped, not waited for, so workers running retention together do not queue.

/** Executions that finished before `cutoff` (a run still queued or running is never deleted). */
export async function deleteFinishedBefore(db: Kysely<Database>, cutoff: Date, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('executions')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('executions')
        .select('id')
        .where('finished_at', '<', cutoff)
        .orderBy('finished_at')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Sessions last changed before `cutoff` that have no execution left (a session in use keeps its runs' age). */
export async function deleteIdleSessionsBefore(db: Kysely<Database>, cutoff: Date, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('code_sessions')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('code_sessions as s')
        .select('s.id')
        .where('s.updated_at', '<', cutoff)
        .where((inner) =>
          inner.not(
            inner.exists(
              inner.selectFrom('executions as e').select(sql`1`.as('one')).whereRef('e.session_id', '=', 's.id'),
            ),
          ),
        )
        .orderBy('s.updated_at')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Idempotency keys past their lifetime: they answer nothing any more. */
export async function deleteIdempotencyKeysBefore(db: Kysely<Database>, cutoff: Date, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where((eb) =>
      eb(
        eb.refTuple('session_id', 'key'),
        'in',
        eb
          .selectFrom('idempotency_keys')
          .select(['session_id', 'key'])
          .where('created_at', '<', cutoff)
          .orderBy('created_at')
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .$asTuple('session_id', 'key'),
      ),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
