import { type Insertable, type Kysely, sql } from 'kysely'
import type { Database, WebhookDelivery, WebhookDeliveryTable } from './types.ts'

/** One try at a callback, as its row is written. */
export type DeliveryAttempt = Insertable<WebhookDeliveryTable>

export async function insertDeliveryAttempt(db: Kysely<Database>, attempt: DeliveryAttempt): Promise<void> {
  await db.insertInto('webhook_deliveries').values(attempt).execute()
}

/** Every attempt at an execution's callback, oldest first. */
export async function listDeliveryAttempts(db: Kysely<Database>, executionId: string): Promise<WebhookDelivery[]> {
  return db.selectFrom('webhook_deliveries').selectAll().where('execution_id', '=', executionId).orderBy('id').execute()
}

export interface CallbackTarget {
  callback_url: string
  /** The secret of the key that made the run; null for a run made without one (the server's secret signs it). */
  webhook_secret: string | null
}

/** Where an execution's callback goes and the key secret that signs it; undefined when it has none (or is gone). */
export async function findCallbackTarget(
  db: Kysely<Database>,
  executionId: string,
): Promise<CallbackTarget | undefined> {
  const row = await db
    .selectFrom('executions')
    .leftJoin('api_keys', 'api_keys.id', 'executions.api_key_id')
    .select(['executions.callback_url', 'api_keys.webhook_secret'])
    .where('executions.id', '=', executionId)
    .where('executions.callback_url', 'is not', null)
    .executeTakeFirst()
  return row?.callback_url ? { callback_url: row.callback_url, webhook_secret: row.webhook_secret } : undefined
}

/** A terminal execution whose callback has not been queued yet: its id, or undefined. */
export async function findUnqueuedCallback(db: Kysely<Database>, executionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('executions')
    .select('id')
    .where('id', '=', executionId)
    .where('callback_url', 'is not', null)
    .where('callback_queued_at', 'is', null)
    .where('finished_at', 'is not', null)
    .executeTakeFirst()
  return row?.id
}

/** Terminal executions that ended before `endedBefore` and whose callback was never queued (for the reconciler). */
export async function findUnqueuedCallbacksBefore(
  db: Kysely<Database>,
  endedBefore: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('executions')
    .select('id')
    .where('callback_url', 'is not', null)
    .where('callback_queued_at', 'is', null)
    .where('finished_at', '<', endedBefore)
    .orderBy('finished_at')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

export async function markCallbackQueued(db: Kysely<Database>, executionId: string): Promise<void> {
  await db
    .updateTable('executions')
    .set({ callback_queued_at: sql<Date>`now()` })
    .where('id', '=', executionId)
    .execute()
}
