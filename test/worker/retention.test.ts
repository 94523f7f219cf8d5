import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import t from 'tap'
import { insertExecution } from '../../src/db/executions-repository.ts'
import { insertSession } from '../../src/db/sessions-repository.ts'
import { insertTestCases } from '../../src/db/test-cases-repository.ts'
import type { Database } from '../../src/db/types.ts'
import { insertDeliveryAttempt } from '../../src/db/webhook-deliveries-repository.ts'
import { deleteExpired } from '../../src/worker/retention.ts'
import { createTestDatabase } from '../helpers/database.ts'

const DAY = 24 * 3600 * 1000
const now = new Date()
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY)

async function session(db: Kysely<Database>, updatedDaysAgo: number): Promise<string> {
  const row = await insertSession(db, { language: 'python', source_code: 'print(1)', stdin: '' })
  await db
    .updateTable('code_sessions')
    .set({ updated_at: daysAgo(updatedDaysAgo) })
    .where('id', '=', row.id)
    .execute()
  return row.id
}

async function execution(db: Kysely<Database>, sessionId: string, finishedDaysAgo: number | null): Promise<string> {
  const row = await insertExecution(db, {
    id: crypto.randomUUID(),
    session_id: sessionId,
    language: 'python',
    source_code: 'print(1)',
    stdin: '',
  })
  if (finishedDaysAgo !== null) {
    await db
      .updateTable('executions')
      .set({ status: 'COMPLETED', queued_at: daysAgo(finishedDaysAgo + 1), finished_at: daysAgo(finishedDaysAgo) })
      .where('id', '=', row.id)
      .execute()
  } else {
    await db
      .updateTable('executions')
      .set({ queued_at: daysAgo(90) })
      .where('id', '=', row.id)
      .execute()
  }
  return row.id
}

async function ids(db: Kysely<Database>, table: 'executions' | 'code_sessions'): Promise<string[]> {
  return (await db.selectFrom(table).select('id').execute()).map((r) => r.id).sort()
}

t.test('retention deletes old finished runs and idle sessions in batches, and nothing younger', async (t) => {
  const { db } = await createTestDatabase(t)
  const oldIdle = await session(db, 40)
  const oldRuns = await Promise.all(Array.from({ length: 7 }, () => execution(db, oldIdle, 35)))
  const oldButUsed = await session(db, 40)
  const oldRunOfUsed = await execution(db, oldButUsed, 31)
  const recentRunOfUsed = await execution(db, oldButUsed, 2)
  const oldButRunning = await session(db, 60)
  const stuck = await execution(db, oldButRunning, null)
  const young = await session(db, 29)
  const youngRun = await execution(db, young, 29)
  const emptyOld = await session(db, 31)

  const deleted = await deleteExpired(db, { retentionDays: 30, idempotencyKeyTtlSeconds: 86_400, batchSize: 3 }, now)
  t.same(deleted, { executions: 8, sessions: 2, idempotencyKeys: 0 }, 'in batches of 3, until done')
  t.same(await ids(db, 'executions'), [recentRunOfUsed, stuck, youngRun].sort())
  t.same(await ids(db, 'code_sessions'), [oldButUsed, oldButRunning, young].sort(), 'sessions with runs left stay')
  t.notOk((await ids(db, 'code_sessions')).includes(emptyOld))
  t.notOk((await ids(db, 'executions')).some((id) => oldRuns.includes(id) || id === oldRunOfUsed))

  const again = await deleteExpired(db, { retentionDays: 30, idempotencyKeyTtlSeconds: 86_400, batchSize: 3 }, now)
  t.same(again, { executions: 0, sessions: 0, idempotencyKeys: 0 }, 'a second round finds nothing')
})

t.test('RETENTION_DAYS=0 keeps everything; expired Idempotency-Keys go regardless', async (t) => {
  const { db } = await createTestDatabase(t)
  const old = await session(db, 400)
  const run = await execution(db, old, 400)
  const fresh = await execution(db, old, 0)
  await db
    .insertInto('idempotency_keys')
    .values([
      { session_id: old, key: 'old', execution_id: run, created_at: daysAgo(2) },
      { session_id: old, key: 'new', execution_id: fresh, created_at: sql<Date>`now()` },
    ])
    .execute()
  const deleted = await deleteExpired(db, { retentionDays: 0, idempotencyKeyTtlSeconds: 86_400, batchSize: 10 }, now)
  t.same(deleted, { executions: 0, sessions: 0, idempotencyKeys: 1 })
  t.same(await ids(db, 'executions'), [run, fresh].sort())
  const keys = await db.selectFrom('idempotency_keys').select('key').execute()
  t.same(
    keys.map((k) => k.key),
    ['new'],
  )
})

t.test("a judged run's test cases go with it", async (t) => {
  const { db } = await createTestDatabase(t)
  const old = await session(db, 40)
  const judged = await execution(db, old, 35)
  const kept = await execution(db, old, 1)
  const cases = [{ stdin: '1', expected_stdout: '1', time_limit_ms: 1000, hidden: false }]
  await insertTestCases(db, judged, cases)
  await insertTestCases(db, kept, cases)
  await deleteExpired(db, { retentionDays: 30, idempotencyKeyTtlSeconds: 86_400, batchSize: 10 }, now)
  const left = await db.selectFrom('execution_test_cases').select('execution_id').execute()
  t.same(
    left.map((row) => row.execution_id),
    [kept],
  )
})

t.test("a run's callback tries go with it", async (t) => {
  const { db } = await createTestDatabase(t)
  const old = await session(db, 40)
  const expired = await execution(db, old, 35)
  const kept = await execution(db, old, 1)
  for (const executionId of [expired, kept]) {
    await insertDeliveryAttempt(db, {
      execution_id: executionId,
      attempt: 1,
      attempted_at: new Date(),
      duration_ms: 5,
      status_code: 204,
      error: null,
      gave_up: false,
    })
  }
  await deleteExpired(db, { retentionDays: 30, idempotencyKeyTtlSeconds: 86_400, batchSize: 10 }, now)
  const left = await db.selectFrom('webhook_deliveries').select('execution_id').execute()
  t.same(
    left.map((row) => row.execution_id),
    [kept],
  )
})
