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

/** The client's runs queued or running. */
export async function countActiveRuns(db: Kysely<Database>, clientId: string): Promise<number> {
  const row = await db
    .selectFrom('executions')
    .select(sql<string>`count(*)`.as('active'))
    .where('client_id', '=', clientId)
    .where('status', 'in', UNFINISHED_STATUSES)
    .executeTakeFirstOrThrow()
  return Number(row.active)
}

/** Whether at least `bound` runs of all clients are waiting; counts no further than the bound. */
export async function waitingRunsReach(db: Kysely<Database>, bound: number): Promise<boolean> {
  const row = await db
    .selectFrom((eb) =>
      eb.selectFrom('executions').select(sql`1`.as('one')).where('status', '=', 'QUEUED').limit(bound).as('waiting'),
    )
    .select(sql<string>`count(*)`.as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count) >= bound
}
