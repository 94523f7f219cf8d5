import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the application.
// Live runs: usage figures, cancellation, idempotent run requests, and a notification whenever an execution
// reaches a terminal state (API processes LISTEN for it instead of polling).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('executions')
    .addColumn('cpu_time_ms', 'bigint')
    .addColumn('peak_memory_bytes', 'bigint')
    .addColumn('cancel_requested_at', 'timestamptz')
    .execute()
  await sql`alter table executions drop constraint if exists executions_failure_reason_check`.execute(db)
  await sql`alter table executions add constraint executions_failure_reason_check check (failure_reason in
    ('compile_error', 'runtime_error', 'memory_limit', 'output_limit', 'internal_error', 'cancelled'))`.execute(db)

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('session_id', 'uuid', (col) => col.notNull().references('code_sessions.id').onDelete('cascade'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('execution_id', 'uuid', (col) => col.notNull().references('executions.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['session_id', 'key'])
    .execute()
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute()

  await sql`create function livecode_notify_execution_finished() returns trigger language plpgsql as $$
    begin
      perform pg_notify('livecode_execution_finished', new.id::text);
      return null;
    end $$`.execute(db)
  await sql`create trigger executions_finished_notify
    after update of status on executions
    for each row
    when (new.status in ('COMPLETED', 'FAILED', 'TIMEOUT') and old.status is distinct from new.status)
    execute function livecode_notify_execution_finished()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists executions_finished_notify on executions`.execute(db)
  await sql`drop function if exists livecode_notify_execution_finished()`.execute(db)
  await db.schema.dropTable('idempotency_keys').execute()
  await sql`alter table executions drop constraint if exists executions_failure_reason_check`.execute(db)
  await sql`update executions set failure_reason = 'internal_error' where failure_reason = 'cancelled'`.execute(db)
  await sql`alter table executions add constraint executions_failure_reason_check check (failure_reason in
    ('compile_error', 'runtime_error', 'memory_limit', 'output_limit', 'internal_error'))`.execute(db)
  await db.schema
    .alterTable('executions')
    .dropColumn('cpu_time_ms')
    .dropColumn('peak_memory_bytes')
    .dropColumn('cancel_requested_at')
    .execute()
}
