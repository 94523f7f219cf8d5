import t from 'tap'
import { bodyLimitFor } from '../../src/api/payload-limits.ts'
import { createSession, createTestApp } from './app-helper.ts'

t.test(
  'a NUL in source_code or stdin is a 400 naming the field, on create and autosave; nothing written',
  async (t) => {
    const { app, database } = await createTestApp(t)
    const session = await createSession(app, { language: 'python', source_code: 'print(1)', stdin: 'in' })
    const cases = [
      { method: 'POST' as const, url: '/code-sessions', payload: { language: 'python', source_code: 'a\u0000b' } },
      { method: 'POST' as const, url: '/code-sessions', payload: { language: 'cpp', stdin: '\u0000' } },
      { method: 'PATCH' as const, url: `/code-sessions/${session.session_id}`, payload: { source_code: '\u0000' } },
      { method: 'PATCH' as const, url: `/code-sessions/${session.session_id}`, payload: { stdin: 'x\u0000' } },
    ]
    for (const c of cases) {
      const response = await app.inject(c)
      const field = 'source_code' in c.payload ? 'source_code' : 'stdin'
      t.equal(response.statusCode, 400, `${c.method} ${field}`)
      t.same(Object.keys(response.json()), ['error'])
      t.equal(response.json().error.code, 'validation_error')
      t.match(response.json().error.message, new RegExp(`body\\.${field} contains a NUL`))
    }
    const rows = await database.db.selectFrom('code_sessions').selectAll().execute()
    t.equal(rows.length, 1, 'no session was created')
    t.match(rows[0], { source_code: 'print(1)', stdin: 'in' }, 'the autosaves changed nothing')
  },
)

t.test('a run body past RUN_REQUEST_LIMIT_BYTES, and any body of a route without one: 413', async (t) => {
  const { app, config } = await createTestApp(t)
  const session = await createSession(app)
  const big = { 'content-type': 'application/json' }
  const run = await app.inject({
    method: 'POST',
    url: `/code-sessions/${session.session_id}/run`,
    payload: JSON.stringify({ pad: 'x'.repeat(config.RUN_REQUEST_LIMIT_BYTES) }),
    headers: big,
  })
  t.equal(run.statusCode, 413)
  t.equal(run.json().error.code, 'payload_too_large')
  const cancel = await app.inject({
    method: 'POST',
    url: `/executions/${session.session_id}/cancel`,
    payload: JSON.stringify({ pad: 'x'.repeat(10_000) }),
    headers: big,
  })
  t.equal(cancel.statusCode, 413)
  const empty = await app.inject({
    method: 'POST',
    url: `/code-sessions/${session.session_id}/run`,
    payload: '{}',
    headers: big,
  })
  t.equal(empty.statusCode, 202, 'an empty object still runs')
})

t.test('the body limit fits the largest valid request exactly, escapes included', async (t) => {
  const limit = 2000
  const { app, config } = await createTestApp(t, {
    SOURCE_LIMIT_BYTES: String(limit),
    STDIN_LIMIT_BYTES: String(limit),
  })
  // A control character is one byte of UTF-8 and six bytes of JSON (`\u0001`): the worst case of an encoder.
  const worst = '\u0001'.repeat(limit)
  const body = JSON.stringify({ language: 'javascript', source_code: worst, stdin: worst })
  t.ok(body.length > 6 * 2 * limit, `the body is ${body.length} bytes`)
  t.ok(body.length <= bodyLimitFor(config), 'and within the limit')
  const accepted = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: body,
    headers: { 'content-type': 'application/json' },
  })
  t.equal(accepted.statusCode, 201, 'the largest valid request is accepted')
  t.equal(accepted.json().stdin, worst)

  const padded = `${body.slice(0, -1)}${' '.repeat(bodyLimitFor(config) - body.length + 1)}}`
  t.equal(padded.length, bodyLimitFor(config) + 1)
  const refused = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: padded,
    headers: { 'content-type': 'application/json' },
  })
  t.equal(refused.statusCode, 413, 'one byte over the body limit is refused before parsing')
  t.equal(refused.json().error.code, 'payload_too_large')
})
