import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('code_sessions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('source_code', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('stdin', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('execution_count', 'integer', (col) => col.notNull().defaultTo(0).check(sql`execution_count >= 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('executions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('session_id', 'uuid', (col) => col.notNull().references('code_sessions.id').onDelete('cascade'))
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('source_code', 'text', (col) => col.notNull())
    .addColumn('stdin', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('QUEUED').check(sql`status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'TIMEOUT')`),
    )
    .addColumn('stdout', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('stderr', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('stdout_truncated', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('stderr_truncated', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('exit_code', 'integer')
    .addColumn('failure_reason', 'text', (col) =>
      col.check(
        sql`failure_reason in ('compile_error', 'runtime_error', 'memory_limit', 'output_limit', 'internal_error')`,
      ),
    )
    .addColumn('duration_ms', 'integer')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    // Millisecond precision, so that a cursor carried through JSON (JavaScript dates) compares exactly.
    .addColumn('queued_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute()

  // Listing a session's executions, newest first, with a keyset cursor.
  await db.schema
    .createIndex('executions_session_newest_idx')
    .on('executions')
    .columns(['session_id', 'queued_at desc', 'id desc'])
    .execute()
  // Finding executions that are not terminal (the reconciler), without scanning finished ones.
  await db.schema
    .createIndex('executions_unfinished_idx')
    .on('executions')
    .columns(['status', 'queued_at'])
    .where(sql.ref('status'), 'in', ['QUEUED', 'RUNNING'])
    .execute()

  await db.schema
    .createTable('language_versions')
    .addColumn('language', 'text', (col) => col.primaryKey())
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('reported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('language_versions').execute()
  await db.schema.dropTable('executions').execute()
  await db.schema.dropTable('code_sessions').execute()
}
