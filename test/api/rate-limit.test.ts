import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { createSession, createTestApp, run, startApp, testConfig } from './app-helper.ts'

t.test('past RUNS_PER_MINUTE runs of one session: 429 rate_limited with Retry-After', async (t) => {
  const { app, database } = await createTestApp(t, { RUNS_PER_MINUTE: '3' })
  const session = await createSession(app)
  for (let i = 0; i < 3; i++) t.equal((await run(app, session.session_id)).statusCode, 202)

  const limited = await run(app, session.session_id)
  t.equal(limited.statusCode, 429)
  t.same(Object.keys(limited.json()), ['error'])
  t.equal(limited.json().error.code, 'rate_limited')
  t.type(limited.json().error.message, 'string')
  const retryAfter = Number(limited.headers['retry-after'])
  t.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After in seconds: ${retryAfter}`)

  const rows = await database.db
    .selectFrom('executions')
    .select('id')
    .where('session_id', '=', session.session_id)
    .execute()
  t.equal(rows.length, 3, 'a limited run writes nothing')
  const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(read.json().execution_count, 3)

  // The budget is per session.
  const other = await createSession(app)
  t.equal((await run(app, other.session_id)).statusCode, 202)
  // Other routes are not limited.
  t.equal((await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })).statusCode, 200)
})

t.test('one session in other letter cases spends the same budget', async (t) => {
  const { app } = await createTestApp(t, { RUNS_PER_MINUTE: '10' })
  const session = await createSession(app)
  const id: string = session.session_id
  const spellings = [id, id.toUpperCase(), id.replace(/[a-f]/, (c) => c.toUpperCase())]
  const statuses: number[] = []
  for (let i = 0; i < 12; i++) statuses.push((await run(app, spellings[i % spellings.length] ?? id)).statusCode)
  t.same(statuses, [...Array(10).fill(202), 429, 429], 'ten runs, then the limit, whatever the spelling')
  const read = await app.inject({ method: 'GET', url: `/code-sessions/${id.toUpperCase()}` })
  t.equal(read.json().execution_count, 10)
})

t.test('two API replicas on one Redis share the budget', async (t) => {
  const database = await createTestDatabase(t)
  const config = testConfig(database.url, { RUNS_PER_MINUTE: '4' })
  const replicaA = await startApp(t, config)
  const replicaB = await startApp(t, config)
  const session = await createSession(replicaA)

  t.equal((await run(replicaA, session.session_id)).statusCode, 202)
  t.equal((await run(replicaB, session.session_id)).statusCode, 202)
  t.equal((await run(replicaA, session.session_id)).statusCode, 202)
  t.equal((await run(replicaB, session.session_id)).statusCode, 202)
  const limitedA = await run(replicaA, session.session_id)
  const limitedB = await run(replicaB, session.session_id)
  t.equal(limitedA.statusCode, 429)
  t.equal(limitedB.statusCode, 429)
  t.equal(limitedB.json().error.code, 'rate_limited')
  t.ok(limitedB.headers['retry-after'])
})
