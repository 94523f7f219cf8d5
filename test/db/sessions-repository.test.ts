import t from 'tap'
import { insertExecution, listSessionExecutions } from '../../src/db/executions-repository.ts'
import { findSession, insertSession, reserveExecutionSlot, updateSession } from '../../src/db/sessions-repository.ts'
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

t.test('the run cap holds under concurrent reservations', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'python', source_code: '', stdin: '' })
  const results = await Promise.all(Array.from({ length: 12 }, () => reserveExecutionSlot(db, session.id, 5)))
  t.equal(results.filter((r) => r.kind === 'reserved').length, 5)
  t.equal(results.filter((r) => r.kind === 'limit_reached').length, 7)
  t.equal((await findSession(db, session.id))?.execution_count, 5)
  t.equal((await reserveExecutionSlot(db, '00000000-0000-4000-8000-000000000000', 5)).kind, 'not_found')
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
