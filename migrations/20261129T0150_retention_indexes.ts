import type { Kysely } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// Retention deletes the oldest rows in small batches: these indexes find them without scanning the tables.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('executions_finished_idx').on('executions').column('finished_at').execute()
  await db.schema.createIndex('code_sessions_updated_idx').on('code_sessions').column('updated_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('code_sessions_updated_idx').execute()
  await db.schema.dropIndex('executions_finished_idx').execute()
}
