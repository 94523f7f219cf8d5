import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// API keys, stored as the SHA-256 of the key (never the key), each with optional limits of its own; sessions
// and executions record the key that made them (null: made without one), which alone may see them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    .addColumn('sessions_per_minute', 'integer', (col) => col.check(sql`sessions_per_minute > 0`))
    .addColumn('runs_per_minute', 'integer', (col) => col.check(sql`runs_per_minute > 0`))
    .addColumn('active_runs', 'integer', (col) => col.check(sql`active_runs > 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  await db.schema
    .alterTable('code_sessions')
    .addColumn('api_key_id', 'uuid', (col) => col.references('api_keys.id'))
    .execute()
  await db.schema
    .alterTable('executions')
    .addColumn('api_key_id', 'uuid', (col) => col.references('api_keys.id'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('executions').dropColumn('api_key_id').execute()
  await db.schema.alterTable('code_sessions').dropColumn('api_key_id').execute()
  await db.schema.dropTable('api_keys').execute()
}
