import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import t from 'tap'
import { insertApiKey } from '../../src/db/api-keys-repository.ts'
import { insertExecution, listSessionExecutions } from '../../src/db/executions-repository.ts'
import {
  findSession,
  insertSession,
  type RunOfSession,
  reserveRun,
  updateSession,
} from '../../src/db/sessions-repository.ts'
import type { Database } from '../../src/db/types.ts'
import { createTestDatabase } from '../helpers/database.ts'

t.test('a session is created, found and updated', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'python', source_code: 'print(1)', stdin: '' })
  t.equal(session.execution_count, 0)
  t.same((await findSession(db, session.id))?.source_code, 'print(1)')
  const updated = await updateSession(db, session.id, { source_code: 'print(2)' })
  t.equal(updated?.source_code, 'print(2)')
  t.ok(updated && updated.updated_at >= session.updated_at)
  t.equal(await updateSession(db, '00000000-0000-4000-8000-000000000000', { stdin: 'x' }), undefined)
})

function runOf(sessionId: string, apiKeyId: string | null = null): RunOfSession {
  return { executionId: randomUUID(), sessionId, clientId: 'addr:127.0.0.1', apiKeyId }
}

async function executionsOf(db: Kysely<Database>, sessionId: string) {
  return db.selectFrom('executions').selectAll().where('session_id', '=', sessionId).execute()
}

t.test('a reserved run is a QUEUED snapshot of the session, counted against its cap', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'python', source_code: 'print(input())', stdin: 'x' })
  const run = runOf(session.id)
  const execution = await reserveRun(db, run, 5)
  t.match(execution, {
    id: run.executionId,
    session_id: session.id,
    status: 'QUEUED',
    language: 'python',
    source_code: 'print(input())',
    stdin: 'x',
    client_id: 'addr:127.0.0.1',
    api_key_id: null,
  })
  t.same(
    (await executionsOf(db, session.id)).map((row) => row.id),
    [run.executionId],
  )
  t.equal((await findSession(db, session.id))?.execution_count, 1)
})

t.test('the run cap holds under concurrent reservations', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'python', source_code: '', stdin: '' })
  const results = await Promise.all(Array.from({ length: 12 }, () => reserveRun(db, runOf(session.id), 5)))
  t.equal(results.filter((execution) => execution !== undefined).length, 5)
  t.equal(results.filter((execution) => execution === undefined).length, 7)
  t.equal((await findSession(db, session.id))?.execution_count, 5)
  t.equal((await executionsOf(db, session.id)).length, 5)
  t.equal(await reserveRun(db, runOf('00000000-0000-4000-8000-000000000000'), 5), undefined)
})

t.test("only the session's own key reserves a run of it; a refusal writes nothing", async (t) => {
  const { db } = await createTestDatabase(t)
  const [owner, other] = await Promise.all(
    ['owner', 'other'].map((name) =>
      insertApiKey(db, { name, key_hash: createHash('sha256').update(name).digest('hex') }),
    ),
  )
  if (!owner || !other) throw new Error('keys not made')
  const keyed = await insertSession(db, { language: 'python', source_code: '', stdin: '' }, owner.id)
  const keyless = await insertSession(db, { language: 'python', source_code: '', stdin: '' })
  for (const [session, apiKeyId, who] of [
    [keyed, other.id, 'another key'],
    [keyed, null, 'no key'],
    [keyless, owner.id, 'a key, on a session made without one'],
  ] as const) {
    t.equal(await reserveRun(db, runOf(session.id, apiKeyId), 5), undefined, who)
    t.equal((await findSession(db, session.id))?.execution_count, 0, `${who}: the count is unchanged`)
    t.same(await executionsOf(db, session.id), [], `${who}: no execution`)
  }
  const execution = await reserveRun(db, runOf(keyed.id, owner.id), 5)
  t.equal(execution?.api_key_id, owner.id, 'the owner runs it, and the run is its')
  t.equal((await findSession(db, keyed.id))?.execution_count, 1)
})

t.test('executions page newest first with a cursor', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'cpp', source_code: '', stdin: '' })
  const ids: string[] = []
  for (let i = 0; i < 5; i++) {
    ids.push(
      (await insertExecution(db, { session_id: session.id, language: 'cpp', source_code: `${i}`, stdin: '' })).id,
    )
  }
  const first = await listSessionExecutions(db, session.id, 3)
  t.equal(first.length, 3)
  const last = first.at(-1)
  if (!last) throw new Error('empty page')
  const second = await listSessionExecutions(db, session.id, 3, { queuedAt: last.queued_at, id: last.id })
  t.equal(second.length, 2)
  t.same(new Set([...first, ...second].map((e) => e.id)), new Set(ids))
})
