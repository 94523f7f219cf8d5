import type { Kysely } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// The Docker engine that runs the current attempt: a worker taking over a dead holder's run can then tell
// whether the old container is within its reach (same engine: removed at once) or not (waited out).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('executions').addColumn('engine_id', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('executions').dropColumn('engine_id').execute()
}
