import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { apiKeyCommand } from '../helpers/api-key-command.ts'
import { createTestApp } from './app-helper.ts'

async function makeKey(databaseUrl: string, name: string, ...limits: string[]): Promise<string> {
  const { stdout } = await apiKeyCommand(databaseUrl, 'create', name, ...limits)
  return stdout.trim()
}

function as(key: string | undefined, ip = '127.0.0.2'): { headers: Record<string, string>; remoteAddress: string } {
  return { headers: key ? { authorization: `Bearer ${key}` } : {}, remoteAddress: ip }
}

async function createSession(app: FastifyInstance, key: string | undefined) {
  const response = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'print(1)' },
    ...as(key),
  })
  if (response.statusCode !== 201) throw new Error(`create: ${response.statusCode} ${response.body}`)
  return response.json().session_id as string
}

t.test('make api-key prints the key once and stores only its hash; revoke and list', async (t) => {
  const { database } = await createTestApp(t)
  const { stdout, stderr } = await apiKeyCommand(database.url, 'create', 'ci', '--runs-per-minute', '600')
  const key = stdout.trim()
  t.match(key, /^lc_[A-Za-z0-9_-]{43}$/, 'stdout is the key alone')
  t.match(stderr, /API key "ci" created \(id [0-9a-f-]{36}\)/)
  const rows = await database.db.selectFrom('api_keys').selectAll().execute()
  t.equal(rows.length, 1)
  t.match(rows[0], { name: 'ci', runs_per_minute: 600, sessions_per_minute: null, active_runs: null, revoked_at: null })
  t.equal(rows[0]?.key_hash, createHash('sha256').update(key).digest('hex'), 'stored as its SHA-256')
  t.notOk(JSON.stringify(rows).includes(key), 'the key itself is stored nowhere')
  const secret = /signed with this secret, shown only now: (whsec_[0-9a-f]{64})$/m.exec(stderr)?.[1]
  t.ok(secret, 'the callback secret is shown once, on stderr')
  t.equal(rows[0]?.webhook_secret, secret, 'and kept as it is: signing needs it')

  const id = rows[0]?.id ?? ''
  const rotated = await apiKeyCommand(database.url, 'rotate-secret', '--id', id)
  const newSecret = rotated.stdout.trim()
  t.match(newSecret, /^whsec_[0-9a-f]{64}$/, 'rotate-secret prints the new secret alone')
  t.not(newSecret, secret)
  const stored = await database.db.selectFrom('api_keys').select('webhook_secret').executeTakeFirstOrThrow()
  t.equal(stored.webhook_secret, newSecret)

  const listed = await apiKeyCommand(database.url, 'list')
  t.match(listed.stdout, /"ci"\s+live\s+sessions\/min default, runs\/min 600, active default/)
  t.notOk(listed.stdout.includes(key), 'the list never shows a key')

  await t.rejects(apiKeyCommand(database.url, 'create', 'bad', '--active-runs', '0'), /positive whole number/)
  const revoked = await apiKeyCommand(database.url, 'revoke', '--name', 'ci')
  t.match(revoked.stdout, /revoked [0-9a-f-]{36} "ci"/)
  const row = await database.db.selectFrom('api_keys').select('revoked_at').executeTakeFirstOrThrow()
  t.ok(row.revoked_at, 'revoked, and kept')
  await t.rejects(apiKeyCommand(database.url, 'revoke', '--name', 'ci'), 'revoking nothing fails')
})

t.test('API_KEYS_REQUIRED: 401 unauthorized without a valid key, except /health and /ready', async (t) => {
  const { app, database } = await createTestApp(t, { API_KEYS_REQUIRED: 'true' })
  const key = await makeKey(database.url, 'client')
  const anonymous = [
    { method: 'POST' as const, url: '/code-sessions', payload: { language: 'python' } },
    { method: 'GET' as const, url: '/languages' },
    { method: 'GET' as const, url: '/openapi.json' },
    { method: 'GET' as const, url: '/code-sessions/00000000-0000-4000-8000-000000000000' },
    { method: 'GET' as const, url: '/no/such/route' },
  ]
  for (const request of anonymous) {
    for (const authorization of [undefined, 'Bearer lc_wrong', 'Basic dXNlcjpwYXNz', `Bearer ${key} extra`]) {
      const response = await app.inject({ ...request, headers: authorization ? { authorization } : {} })
      const name = `${request.method} ${request.url} with ${authorization ?? 'no key'}`
      t.equal(response.statusCode, 401, name)
      t.equal(response.json().error.code, 'unauthorized', name)
      t.equal(response.headers['www-authenticate'], 'Bearer', name)
    }
  }
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
  t.equal((await database.db.selectFrom('code_sessions').select('id').execute()).length, 0, 'nothing written')

  const created = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python' },
    ...as(key),
  })
  t.equal(created.statusCode, 201, 'a valid key is let in')
  const lowerCaseScheme = await app.inject({
    method: 'GET',
    url: '/languages',
    headers: { authorization: `bearer ${key}` },
  })
  t.equal(lowerCaseScheme.statusCode, 200, 'the scheme is case-insensitive')

  await apiKeyCommand(database.url, 'revoke', '--name', 'client')
  const afterRevoke = await app.inject({ method: 'GET', url: '/languages', ...as(key) })
  t.equal(afterRevoke.statusCode, 401, 'a revoked key is refused at once')
})

t.test("a key's sessions and executions are 404 to every other key and to anonymous clients", async (t) => {
  const { app, database } = await createTestApp(t, { RUNS_PER_MINUTE: '2' })
  const owner = await makeKey(database.url, 'owner')
  const other = await makeKey(database.url, 'other')
  const sessionId = await createSession(app, owner)
  const runResponse = await app.inject({
    method: 'POST',
    url: `/code-sessions/${sessionId}/run`,
    headers: { authorization: `Bearer ${owner}`, 'idempotency-key': 'k1' },
  })
  t.equal(runResponse.statusCode, 202)
  const executionId = runResponse.json().execution_id

  const replay = await app.inject({
    method: 'POST',
    url: `/code-sessions/${sessionId}/run`,
    headers: { authorization: `Bearer ${other}`, 'idempotency-key': 'k1' },
  })
  t.equal(replay.statusCode, 404, "another key's Idempotency-Key replays nothing")

  for (const stranger of [other, undefined]) {
    const who = stranger ? 'another key' : 'no key'
    const requests = [
      { method: 'GET' as const, url: `/code-sessions/${sessionId}` },
      { method: 'PATCH' as const, url: `/code-sessions/${sessionId}`, payload: { source_code: 'print(2)' } },
      { method: 'POST' as const, url: `/code-sessions/${sessionId}/run` },
      { method: 'GET' as const, url: `/code-sessions/${sessionId}/executions` },
      { method: 'GET' as const, url: `/executions/${executionId}` },
      { method: 'GET' as const, url: `/executions/${executionId}?wait=5` },
      { method: 'GET' as const, url: `/executions/${executionId}/events` },
      { method: 'POST' as const, url: `/executions/${executionId}/cancel` },
      { method: 'GET' as const, url: `/code-sessions/${sessionId.toUpperCase()}` },
    ]
    for (const request of requests) {
      const response = await app.inject({ ...request, ...as(stranger, '127.0.0.3') })
      t.equal(response.statusCode, 404, `${request.method} ${request.url} by ${who}`)
      t.equal(response.json().error.code, 'not_found')
    }
  }
  const started = Date.now()
  const waited = await app.inject({
    method: 'GET',
    url: `/executions/${executionId}?wait=30`,
    ...as(other, '127.0.0.3'),
  })
  t.equal(waited.statusCode, 404)
  t.ok(Date.now() - started < 10_000, "another key's run is not waited on")
  t.equal(app.terminalNotifications.watchedCount, 0, 'no watcher left behind')
  const session = await app.inject({ method: 'GET', url: `/code-sessions/${sessionId}`, ...as(owner) })
  t.match(session.json(), { source_code: 'print(1)', execution_count: 1 }, 'nothing changed by the others')
  const rows = await database.db.selectFrom('executions').select(['id', 'api_key_id', 'status']).execute()
  t.equal(rows.length, 1)
  t.equal(rows[0]?.status, 'QUEUED', 'not cancelled by another key')
  t.ok(rows[0]?.api_key_id, 'the execution records its key')
  t.equal((await app.inject({ method: 'GET', url: `/executions/${executionId}`, ...as(owner) })).statusCode, 200)

  // The others' refused runs spent nothing of the owner's session budget (RUNS_PER_MINUTE=2, spent once by the
  // owner): its second run is accepted, its third refused by its own limit.
  t.equal((await app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, ...as(owner) })).statusCode, 202)
  const again = await app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, ...as(owner) })
  t.equal(again.statusCode, 429)
  t.match(again.json().error.message, /runs of this session/)
})

t.test("another key's session at its cap is 404 to it, not 409; the owner is told 409", async (t) => {
  const { app, database } = await createTestApp(t, { RUNS_PER_SESSION: '1' })
  const owner = await makeKey(database.url, 'owner')
  const other = await makeKey(database.url, 'other')
  const sessionId = await createSession(app, owner)
  const runAs = (key: string | undefined) =>
    app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, ...as(key) })
  t.equal((await runAs(owner)).statusCode, 202)
  for (const [key, who] of [
    [other, 'another key'],
    [undefined, 'no key'],
  ] as const) {
    const refused = await runAs(key)
    t.equal(refused.statusCode, 404, who)
    t.equal(refused.json().error.code, 'not_found', who)
  }
  const over = await runAs(owner)
  t.equal(over.statusCode, 409)
  t.equal(over.json().error.code, 'execution_limit_reached')
  const rows = await database.db.selectFrom('executions').select('id').execute()
  t.equal(rows.length, 1, 'nothing written by the refused runs')
})

t.test('each key is a client with its own limits, whatever its address', async (t) => {
  const { app, database } = await createTestApp(t, { RUNS_PER_MINUTE: '100' })
  const small = await makeKey(database.url, 'small', '--runs-per-minute', '2', '--active-runs', '3')
  const tight = await makeKey(database.url, 'tight', '--active-runs', '1', '--sessions-per-minute', '1')
  const plain = await makeKey(database.url, 'plain')
  const runAs = (key: string, sessionId: string) =>
    app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, ...as(key) })

  const smallSession = await createSession(app, small)
  t.equal((await runAs(small, smallSession)).statusCode, 202)
  t.equal((await runAs(small, smallSession)).statusCode, 202)
  const limited = await runAs(small, smallSession)
  t.equal(limited.statusCode, 429)
  t.match(limited.json().error.message, /runs from this client: at most 2/)

  const tightSession = await createSession(app, tight)
  const secondSession = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python' },
    ...as(tight),
  })
  t.equal(secondSession.statusCode, 429, "the key's own sessions-per-minute limit")
  t.equal((await runAs(tight, tightSession)).statusCode, 202)
  const active = await runAs(tight, tightSession)
  t.equal(active.statusCode, 429)
  t.equal(active.json().error.code, 'too_many_active_runs')

  // Same address, another key: none of the above applies to it.
  const plainSession = await createSession(app, plain)
  for (let i = 0; i < 3; i++) t.equal((await runAs(plain, plainSession)).statusCode, 202)
})
