import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// A judged run's test cases, a row each: what was asked (stdin, expected output, time limit, hidden) when the run
// is queued, then what happened (verdict, output, usage) when it ends. Deleted with their execution.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('executions')
    .addColumn('compare', 'text', (col) => col.check(sql`compare in ('lines', 'exact')`))
    .execute()
  await db.schema
    .createTable('execution_test_cases')
    .addColumn('execution_id', 'uuid', (col) => col.notNull().references('executions.id').onDelete('cascade'))
    .addColumn('index', 'integer', (col) => col.notNull().check(sql`index >= 0`))
    .addColumn('stdin', 'text', (col) => col.notNull())
    .addColumn('expected_stdout', 'text')
    .addColumn('time_limit_ms', 'integer', (col) => col.notNull().check(sql`time_limit_ms > 0`))
    .addColumn('hidden', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('verdict', 'text', (col) =>
      col.check(
        sql`verdict in ('accepted', 'wrong_answer', 'runtime_error', 'time_limit', 'memory_limit', 'output_limit', 'skipped')`,
      ),
    )
    .addColumn('exit_code', 'integer')
    .addColumn('stdout', 'text')
    .addColumn('stderr', 'text')
    .addColumn('stdout_truncated', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('stderr_truncated', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('duration_ms', 'integer')
    .addColumn('cpu_time_ms', 'bigint')
    .addColumn('peak_memory_bytes', 'bigint')
    .addPrimaryKeyConstraint('execution_test_cases_pkey', ['execution_id', 'index'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('execution_test_cases').execute()
  await db.schema.alterTable('executions').dropColumn('compare').execute()
}
