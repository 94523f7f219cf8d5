import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// The byte size of each stored stream, kept by PostgreSQL itself on every write (whoever writes the output),
// so that the run list can report sizes without reading the output.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('executions')
    .addColumn('stdout_bytes', 'integer', (col) => col.notNull().generatedAlwaysAs(sql`octet_length(stdout)`).stored())
    .addColumn('stderr_bytes', 'integer', (col) => col.notNull().generatedAlwaysAs(sql`octet_length(stderr)`).stored())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('executions').dropColumn('stdout_bytes').dropColumn('stderr_bytes').execute()
}
