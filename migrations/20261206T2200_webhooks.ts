import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// Signed callbacks: a run may name a callback_url; callback_queued_at records that its delivery job was queued
// (a run ended while Redis was away is queued later by the reconciler); every delivery attempt is kept. Each
// API key gets the secret its callbacks are signed with: HMAC needs the secret itself, so unlike the key it is
// stored as it is. Existing keys get one here (`api-key rotate-secret` shows a new one to their owner).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('executions')
    .addColumn('callback_url', 'text')
    .addColumn('callback_queued_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('executions_callback_unqueued_idx')
    .on('executions')
    .column('finished_at')
    .where(sql.ref('callback_url'), 'is not', null)
    .where(sql.ref('callback_queued_at'), 'is', null)
    .execute()
  await db.schema
    .alterTable('api_keys')
    .addColumn('webhook_secret', 'text', (col) =>
      col.notNull().defaultTo(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    )
    .execute()
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('execution_id', 'uuid', (col) => col.notNull().references('executions.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('attempted_at', 'timestamptz', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('gave_up', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_execution_idx')
    .on('webhook_deliveries')
    .columns(['execution_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute()
  await db.schema.alterTable('api_keys').dropColumn('webhook_secret').execute()
  await db.schema.dropIndex('executions_callback_unqueued_idx').execute()
  await db.schema.alterTable('executions').dropColumn('callback_queued_at').dropColumn('callback_url').execute()
}
