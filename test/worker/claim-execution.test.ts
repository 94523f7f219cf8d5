import { sql } from 'kysely'
import t from 'tap'
import { findExecution, insertExecution } from '../../src/db/executions-repository.ts'
import { insertSession } from '../../src/db/sessions-repository.ts'
import { claimExecution, claimOnceVisible } from '../../src/worker/claim-execution.ts'
import { createTestDatabase } from '../helpers/database.ts'

t.test('a job taken before the API commits waits for its row instead of failing', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'python', source_code: 'print(1)', stdin: '' })
  let claim: Awaited<ReturnType<typeof claimOnceVisible>> | undefined
  let pending: Promise<void> = Promise.resolve()
  await db.transaction().execute(async (trx) => {
    const execution = await insertExecution(trx, {
      session_id: session.id,
      language: 'python',
      source_code: 'x',
      stdin: '',
    })
    // The worker looks while the transaction is still open: the row is not visible yet.
    pending = claimOnceVisible(db, execution.id, { maxStarts: 3, engineId: 'engine-a' }).then((result) => {
      claim = result
    })
    await sql`select pg_sleep(0.2)`.execute(trx)
    t.equal(claim, undefined, 'still waiting while uncommitted')
  })
  await pending
  t.equal(claim?.kind, 'claimed')
})

t.test('a row that never appears is reported missing after a bounded wait', async (t) => {
  const { db } = await createTestDatabase(t)
  const claim = await claimOnceVisible(db, '00000000-0000-4000-8000-000000000000', {
    maxStarts: 3,
    engineId: 'engine-a',
  })
  t.equal(claim.kind, 'missing')
})

t.test('claims: QUEUED is taken, a dead holder is taken over, terminal is left, the start cap holds', async (t) => {
  const { db } = await createTestDatabase(t)
  const session = await insertSession(db, { language: 'python', source_code: '', stdin: '' })
  const execution = await insertExecution(db, {
    session_id: session.id,
    language: 'python',
    source_code: '',
    stdin: '',
  })

  const first = await claimExecution(db, execution.id, { maxStarts: 2, engineId: 'engine-a' })
  t.match(first, {
    kind: 'claimed',
    previous: null,
    execution: { status: 'RUNNING', attempts: 1, engine_id: 'engine-a' },
  })
  const second = await claimExecution(db, execution.id, { maxStarts: 2, engineId: 'engine-b' })
  t.match(second, { kind: 'claimed', execution: { status: 'RUNNING', attempts: 2, engine_id: 'engine-b' } })
  if (first.kind !== 'claimed' || second.kind !== 'claimed') throw new Error('not claimed')
  t.same(
    second.previous,
    { startedAt: first.execution.started_at, engineId: 'engine-a' },
    'a take-over knows when and where the dead holder started',
  )
  t.match(await claimExecution(db, execution.id, { maxStarts: 2, engineId: 'engine-a' }), { kind: 'exhausted' })

  await db.updateTable('executions').set({ status: 'COMPLETED' }).where('id', '=', execution.id).execute()
  t.match(await claimExecution(db, execution.id, { maxStarts: 2, engineId: 'engine-a' }), { kind: 'finished' })
  t.equal((await findExecution(db, execution.id))?.attempts, 2)
})
