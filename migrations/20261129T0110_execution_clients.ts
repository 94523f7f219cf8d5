import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// The client that asked for each run (its API key or its address), so that its runs queued or running can be
// counted against its limit, and its waiting runs give the priority of its next one (fair share).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('executions').addColumn('client_id', 'text').execute()
  await db.schema
    .createIndex('executions_client_active_idx')
    .on('executions')
    .columns(['client_id', 'status'])
    .where(sql.ref('status'), 'in', ['QUEUED', 'RUNNING'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('executions_client_active_idx').execute()
  await db.schema.alterTable('executions').dropColumn('client_id').execute()
}
