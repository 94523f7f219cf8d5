import t from 'tap'
import { createSession, createTestApp, MISSING_ID } from './app-helper.ts'

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

t.test('a session is created, read and autosaved, in snake_case', async (t) => {
  const { app } = await createTestApp(t)

  const created = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'print(input())', stdin: 'hi' },
  })
  t.equal(created.statusCode, 201)
  const session = created.json()
  t.same(Object.keys(session).sort(), [
    'created_at',
    'execution_count',
    'language',
    'session_id',
    'source_code',
    'stdin',
    'updated_at',
  ])
  t.match(session, { language: 'python', source_code: 'print(input())', stdin: 'hi', execution_count: 0 })
  t.match(session.session_id, /^[0-9a-f-]{36}$/)
  t.match(session.created_at, ISO_UTC)
  t.match(session.updated_at, ISO_UTC)

  const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(read.statusCode, 200)
  t.same(read.json(), session)

  const patched = await app.inject({
    method: 'PATCH',
    url: `/code-sessions/${session.session_id}`,
    payload: { source_code: 'print(2)' },
  })
  t.equal(patched.statusCode, 200)
  const after = patched.json()
  t.equal(after.source_code, 'print(2)')
  t.equal(after.stdin, 'hi', 'fields not sent are kept')
  t.equal(after.language, 'python')
  t.equal(after.created_at, session.created_at)
  t.ok(Date.parse(after.updated_at) > Date.parse(session.updated_at), 'updated_at moves')

  const language = await app.inject({
    method: 'PATCH',
    url: `/code-sessions/${session.session_id}`,
    payload: { language: 'cpp', stdin: '' },
  })
  t.match(language.json(), { language: 'cpp', stdin: '', source_code: 'print(2)' })
})

t.test('source_code and stdin default to empty', async (t) => {
  const { app } = await createTestApp(t)
  const session = await createSession(app, { language: 'javascript' })
  t.match(session, { language: 'javascript', source_code: '', stdin: '' })
})

t.test('invalid requests answer 400 validation_error naming the problem', async (t) => {
  const { app } = await createTestApp(t)
  const session = await createSession(app)
  const cases: {
    name: string
    method: 'POST' | 'PATCH' | 'GET'
    url: string
    payload?: unknown
    headers?: Record<string, string>
    message: RegExp
  }[] = [
    {
      name: 'unknown language',
      method: 'POST',
      url: '/code-sessions',
      payload: { language: 'cobol' },
      message: /body\.language must be one of .*"python".*"ruby"/,
    },
    {
      name: 'missing language',
      method: 'POST',
      url: '/code-sessions',
      payload: { source_code: 'x' },
      message: /body\.language is required/,
    },
    {
      name: 'source_code of the wrong type',
      method: 'POST',
      url: '/code-sessions',
      payload: { language: 'python', source_code: 42 },
      message: /body\.source_code must be string/,
    },
    {
      name: 'stdin of the wrong type',
      method: 'POST',
      url: '/code-sessions',
      payload: { language: 'python', stdin: ['a'] },
      message: /body\.stdin must be string/,
    },
    {
      name: 'unknown field on create',
      method: 'POST',
      url: '/code-sessions',
      payload: { language: 'python', owner: 'me' },
      message: /unknown field.*owner/,
    },
    {
      name: 'a body that is not an object',
      method: 'POST',
      url: '/code-sessions',
      payload: [1, 2],
      message: /body must be object/,
    },
    { name: 'no body at all', method: 'POST', url: '/code-sessions', message: /body must be object/ },
    {
      name: 'bad JSON',
      method: 'POST',
      url: '/code-sessions',
      payload: '{"language": "python",',
      headers: { 'content-type': 'application/json' },
      message: /JSON/,
    },
    {
      name: 'an unsupported content type',
      method: 'POST',
      url: '/code-sessions',
      payload: '<language>python</language>',
      headers: { 'content-type': 'application/xml' },
      message: /content type/,
    },
    {
      name: 'an empty PATCH',
      method: 'PATCH',
      url: `/code-sessions/${session.session_id}`,
      payload: {},
      message: /at least one field/,
    },
    {
      name: 'an unknown field in PATCH',
      method: 'PATCH',
      url: `/code-sessions/${session.session_id}`,
      payload: { source_code: 'x', title: 'y' },
      message: /unknown field.*title/,
    },
    {
      name: 'a null in PATCH',
      method: 'PATCH',
      url: `/code-sessions/${session.session_id}`,
      payload: { stdin: null },
      message: /body\.stdin must be string/,
    },
    {
      name: 'an unknown language in PATCH',
      method: 'PATCH',
      url: `/code-sessions/${session.session_id}`,
      payload: { language: 'cobol' },
      message: /body\.language must be one of/,
    },
    {
      name: 'a malformed id on GET',
      method: 'GET',
      url: '/code-sessions/not-a-uuid',
      message: /params\.session_id must be a UUID/,
    },
    {
      name: 'a malformed id on PATCH',
      method: 'PATCH',
      url: '/code-sessions/1234',
      payload: { stdin: '' },
      message: /params\.session_id must be a UUID/,
    },
  ]
  for (const c of cases) {
    const response = await app.inject({
      method: c.method,
      url: c.url,
      payload: c.payload as string,
      headers: c.headers,
    })
    t.equal(response.statusCode, 400, `${c.name}: status`)
    t.same(Object.keys(response.json()), ['error'], `${c.name}: error shape`)
    t.equal(response.json().error.code, 'validation_error', `${c.name}: code`)
    t.match(response.json().error.message, c.message, `${c.name}: message`)
  }
  const unchanged = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.same(unchanged.json(), session, 'rejected PATCHes changed nothing')
})

t.test('unknown sessions and routes answer 404 not_found in the error shape', async (t) => {
  const { app } = await createTestApp(t)
  const get = await app.inject({ method: 'GET', url: `/code-sessions/${MISSING_ID}` })
  t.equal(get.statusCode, 404)
  t.equal(get.json().error.code, 'not_found')
  const patch = await app.inject({ method: 'PATCH', url: `/code-sessions/${MISSING_ID}`, payload: { stdin: 'x' } })
  t.equal(patch.statusCode, 404)
  t.equal(patch.json().error.code, 'not_found')
  const route = await app.inject({ method: 'GET', url: '/no/such/route' })
  t.equal(route.statusCode, 404)
  t.same(Object.keys(route.json().error).sort(), ['code', 'message'])
  t.equal(route.json().error.code, 'not_found')
  const method = await app.inject({ method: 'DELETE', url: `/code-sessions/${MISSING_ID}` })
  t.equal(method.statusCode, 404)
  t.equal(method.json().error.code, 'not_found')
})

t.test('source_code and stdin are limited in UTF-8 bytes, each naming its field', async (t) => {
  const limit = 1000
  const { app } = await createTestApp(t, { SOURCE_LIMIT_BYTES: String(limit), STDIN_LIMIT_BYTES: String(limit) })
  // 'é' is one character but two bytes: 500 of them are exactly at the limit, 501 are over it.
  const atLimit = 'é'.repeat(limit / 2)
  const overLimit = `${atLimit}a`
  t.equal(atLimit.length, limit / 2, 'far fewer characters than the limit')

  const source = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: overLimit },
  })
  t.equal(source.statusCode, 413)
  t.equal(source.json().error.code, 'payload_too_large')
  t.match(source.json().error.message, /source_code/)

  const stdin = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', stdin: overLimit },
  })
  t.equal(stdin.statusCode, 413)
  t.equal(stdin.json().error.code, 'payload_too_large')
  t.match(stdin.json().error.message, /stdin/)

  const exact = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: atLimit, stdin: atLimit },
  })
  t.equal(exact.statusCode, 201, 'exactly at the limit is accepted')
  t.equal(exact.json().source_code, atLimit)
  const id = exact.json().session_id

  const patchSource = await app.inject({
    method: 'PATCH',
    url: `/code-sessions/${id}`,
    payload: { source_code: overLimit },
  })
  t.equal(patchSource.statusCode, 413)
  t.match(patchSource.json().error.message, /source_code/)
  const patchStdin = await app.inject({ method: 'PATCH', url: `/code-sessions/${id}`, payload: { stdin: overLimit } })
  t.equal(patchStdin.statusCode, 413)
  t.match(patchStdin.json().error.message, /stdin/)
  const unchanged = await app.inject({ method: 'GET', url: `/code-sessions/${id}` })
  t.equal(unchanged.json().source_code, atLimit, 'a rejected PATCH changed nothing')

  // Far over every limit: Fastify's own body limit answers, in the same shape.
  const huge = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'x'.repeat(200_000) },
  })
  t.equal(huge.statusCode, 413)
  t.equal(huge.json().error.code, 'payload_too_large')
})

t.test('the default limit of 64 KiB is in bytes', async (t) => {
  const { app } = await createTestApp(t)
  const kib64 = 64 * 1024
  // '€' is three bytes in UTF-8.
  const under = '€'.repeat(Math.floor(kib64 / 3))
  const over = '€'.repeat(Math.floor(kib64 / 3) + 1)
  t.equal(
    (await app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'cpp', source_code: under } }))
      .statusCode,
    201,
  )
  t.equal(
    (await app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'cpp', source_code: over } }))
      .statusCode,
    413,
  )
})
