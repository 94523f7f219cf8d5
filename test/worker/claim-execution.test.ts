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
    pending = claimOnceVisible(db, execution.id, 3).then((result) => {
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
  const claim = await claimOnceVisible(db, '00000000-0000-4000-8000-000000000000', 3)
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

  const first = await claimExecution(db, execution.id, 2)
  t.match(first, { kind: 'claimed', tookOver: false, execution: { status: 'RUNNING', attempts: 1 } })
  const second = await claimExecution(db, execution.id, 2)
  t.match(second, { kind: 'claimed', tookOver: true, execution: { status: 'RUNNING', attempts: 2 } })
  t.match(await claimExecution(db, execution.id, 2), { kind: 'exhausted' })

  await db.updateTable('executions').set({ status: 'COMPLETED' }).where('id', '=', execution.id).execute()
  t.match(await claimExecution(db, execution.id, 2), { kind: 'finished' })
  t.equal((await findExecution(db, execution.id))?.attempts, 2)
})
