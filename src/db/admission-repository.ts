import { type Kysely, sql } from 'kysely'
import { UNFINISHED_STATUSES } from '../execution-states.ts'
import type { Database } from './types.ts'

/**
 * Serialises one client's run admissions until the caller's transaction ends (across API replicas), so that
 * concurrent requests cannot together pass its active-runs limit. Other clients are not held up.
 */
export async function lockClient(trx: Kysely<Database>, clientId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`livecode-client:${clientId}`}, 0))`.execute(trx)
}

export interface AdmissionCounts {
  /** The client's runs queued or running. */
  active: number
  /** Whether at least `waitingBound` runs of all clients are waiting. */
  waitingReachBound: boolean
}

/** What admitting a run depends on, read in one statement; the waiting runs are counted no further than the bound. */
export async function countForAdmission(
  db: Kysely<Database>,
  clientId: string,
  waitingBound: number,
): Promise<AdmissionCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('executions')
        .select(sql<string>`count(*)`.as('active'))
        .where('client_id', '=', clientId)
        .where('status', 'in', UNFINISHED_STATUSES)
        .as('active'),
      eb
        .selectFrom((inner) =>
          inner
            .selectFrom('executions')
            .select(sql`1`.as('one'))
            .where('status', '=', 'QUEUED')
            .limit(waitingBound)
            .as('waiting'),
        )
        .select(sql<string>`count(*)`.as('waiting'))
        .as('waiting'),
    ])
    .executeTakeFirstOrThrow()
  return { active: Number(row.active), waitingReachBound: Number(row.waiting) >= waitingBound }
}
