import type { Kysely } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// An interactive run keeps its stdin open while it runs: what clients sent meanwhile is kept with it (it is part
// of what was run), and whether they closed it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('executions')
    .addColumn('interactive', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('input', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('input_eof', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('executions')
    .dropColumn('input_eof')
    .dropColumn('input')
    .dropColumn('interactive')
    .execute()
}
