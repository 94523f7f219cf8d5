// A pooled connection can lose its server while it is checked out, between two statements (a transaction, or the
// moment after a statement's answer and before its release). pg then emits 'error' on a client the pool no longer
// listens to; without a listener of our own that error ends the whole process.
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'

t.test('a checked-out connection whose server goes away fails its statement, not the process', async (t) => {
  const { db } = await createTestDatabase(t)
  await t.rejects(
    db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      // Waits (up to 5 s) for the backend to be gone, so that its goodbye is on the way before the pause below.
      await sql`select pg_terminate_backend(${rows[0]?.pid}, 5000)`.execute(db)
      await sleep(200)
      await sql`select 1`.execute(trx)
    }),
    'the transaction whose connection was cut fails',
  )
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db)
  t.same(rows, [{ one: 1 }], 'the pool still answers on a new connection')
})
