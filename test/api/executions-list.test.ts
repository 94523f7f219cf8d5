import t from 'tap'
import { listSessionExecutions } from '../../src/db/executions-repository.ts'
import { createSession, createTestApp, MISSING_ID, run } from './app-helper.ts'

t.test("a session's executions page newest first with an opaque cursor", async (t) => {
  const { app } = await createTestApp(t, { RUNS_PER_MINUTE: '100' })
  const session = await createSession(app)
  const ids: string[] = []
  for (let i = 0; i < 7; i++) ids.push((await run(app, session.session_id)).json().execution_id)
  const newestFirst = [...ids].reverse()

  const empty = await createSession(app)
  const none = await app.inject({ method: 'GET', url: `/code-sessions/${empty.session_id}/executions` })
  t.same(none.json(), { executions: [], next_cursor: null })

  const all = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}/executions` })
  t.equal(all.statusCode, 200)
  t.same(
    all.json().executions.map((e: { execution_id: string }) => e.execution_id),
    newestFirst,
    'the default page holds all seven, newest first',
  )
  t.equal(all.json().next_cursor, null)
  t.match(all.json().executions[0], { session_id: session.session_id, status: 'QUEUED', language: 'python' })
  t.notOk('source_code' in all.json().executions[0], 'only the contract fields')

  const seen: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const query: string = cursor ? `limit=3&cursor=${encodeURIComponent(cursor)}` : 'limit=3'
    const page = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}/executions?${query}` })
    t.equal(page.statusCode, 200)
    const body = page.json()
    t.ok(body.executions.length <= 3)
    seen.push(...body.executions.map((e: { execution_id: string }) => e.execution_id))
    cursor = body.next_cursor
    pages++
  } while (cursor && pages < 10)
  t.equal(pages, 3, 'pages of 3, 3 and 1')
  t.same(seen, newestFirst, 'every execution once, in order')

  // A page that ends exactly at the last row says there is no next one.
  const exact = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}/executions?limit=7` })
  t.equal(exact.json().executions.length, 7)
  t.equal(exact.json().next_cursor, null)
})

t.test('listing rejects bad limits and cursors, and unknown sessions', async (t) => {
  const { app } = await createTestApp(t)
  const session = await createSession(app)
  const url = `/code-sessions/${session.session_id}/executions`
  for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=2.5']) {
    const response = await app.inject({ method: 'GET', url: `${url}?${query}` })
    t.equal(response.statusCode, 400, query)
    t.equal(response.json().error.code, 'validation_error', query)
    t.match(response.json().error.message, /querystring\.limit/, query)
  }
  t.equal((await app.inject({ method: 'GET', url: `${url}?limit=100` })).statusCode, 200)
  const forged = Buffer.from(`yesterday|${MISSING_ID}`).toString('base64url')
  for (const cursor of ['garbage', forged, Buffer.from('2026-01-01T00:00:00.000Z|nope').toString('base64url')]) {
    const response = await app.inject({ method: 'GET', url: `${url}?cursor=${cursor}` })
    t.equal(response.statusCode, 400, cursor)
    t.equal(response.json().error.code, 'validation_error')
    t.match(response.json().error.message, /cursor/)
  }
  const missing = await app.inject({ method: 'GET', url: `/code-sessions/${MISSING_ID}/executions` })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'not_found')
  const malformed = await app.inject({ method: 'GET', url: '/code-sessions/xyz/executions' })
  t.equal(malformed.statusCode, 400)
})

t.test('the list gives summaries: sizes instead of output; one execution carries its output', async (t) => {
  const { app, database } = await createTestApp(t)
  const session = await createSession(app)
  const id = (await run(app, session.session_id)).json().execution_id
  // As a worker writes an outcome: 'é' is two bytes, '€' three.
  await database.db
    .updateTable('executions')
    .set({ status: 'COMPLETED', exit_code: 0, stdout: 'é\n'.repeat(1000), stderr: '€' })
    .where('id', '=', id)
    .execute()

  const list = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}/executions` })
  const [summary] = list.json().executions
  t.notOk('stdout' in summary, 'no stdout in the list')
  t.notOk('stderr' in summary, 'no stderr in the list')
  t.match(summary, { execution_id: id, status: 'COMPLETED', exit_code: 0, stdout_bytes: 3000, stderr_bytes: 3 })
  t.ok(list.body.length < 1000, `the page stays small (${list.body.length} bytes)`)

  const one = await app.inject({ method: 'GET', url: `/executions/${id}` })
  t.equal(one.json().stdout, 'é\n'.repeat(1000))
  t.equal(one.json().stderr, '€')
  t.notOk('stdout_bytes' in one.json(), 'one execution has the output itself')
})

t.test("the list's query reads no source, stdin or output", async (t) => {
  const { app, database } = await createTestApp(t)
  const session = await createSession(app)
  await run(app, session.session_id)
  const rows = await listSessionExecutions(database.db, session.session_id, 10)
  t.equal(rows.length, 1)
  for (const column of ['source_code', 'stdin', 'stdout', 'stderr']) t.notOk(column in (rows[0] ?? {}), column)
})
