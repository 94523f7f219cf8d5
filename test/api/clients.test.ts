// Per-client admission: distinct loopback addresses are distinct clients.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createTestApp } from './app-helper.ts'

const A = '127.0.0.2'
const B = '127.0.0.3'
const C = '127.0.0.4'

function createAs(app: FastifyInstance, ip: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'print(1)' },
    remoteAddress: ip,
    headers,
  })
}

async function sessionOf(app: FastifyInstance, ip: string): Promise<string> {
  const response = await createAs(app, ip)
  if (response.statusCode !== 201) throw new Error(`create: ${response.statusCode} ${response.body}`)
  return response.json().session_id
}

function runAs(app: FastifyInstance, ip: string, sessionId: string) {
  return app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, remoteAddress: ip })
}

function retryAfter(response: { headers: Record<string, unknown> }): number {
  return Number(response.headers['retry-after'])
}

t.test('new sessions a minute are limited per client; another client is not', async (t) => {
  const { app, database } = await createTestApp(t, { CLIENT_SESSIONS_PER_MINUTE: '3' })
  for (let i = 0; i < 3; i++) t.equal((await createAs(app, A)).statusCode, 201)
  const limited = await createAs(app, A)
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().error.code, 'rate_limited')
  t.match(limited.json().error.message, /new sessions from this client: at most 3/)
  t.ok(retryAfter(limited) >= 1 && retryAfter(limited) <= 60, `Retry-After ${retryAfter(limited)}`)
  t.equal((await createAs(app, B)).statusCode, 201, 'another client still creates sessions')
  const rows = await database.db.selectFrom('code_sessions').select('id').execute()
  t.equal(rows.length, 4, 'the refused request wrote nothing')
  const invalid = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'cobol' },
    remoteAddress: C,
  })
  t.equal(invalid.statusCode, 400, 'an invalid request is refused before the limit')
  for (let i = 0; i < 3; i++) t.equal((await createAs(app, C)).statusCode, 201, 'and charged nothing')
})

t.test('runs a minute are limited per client across its sessions; a refused run charges nothing', async (t) => {
  const { app } = await createTestApp(t, { CLIENT_RUNS_PER_MINUTE: '3', RUNS_PER_MINUTE: '2' })
  const [first, second, third] = [await sessionOf(app, A), await sessionOf(app, A), await sessionOf(app, A)]
  t.equal((await runAs(app, A, first)).statusCode, 202)
  t.equal((await runAs(app, A, first)).statusCode, 202)
  const sessionLimited = await runAs(app, A, first)
  t.equal(sessionLimited.statusCode, 429)
  t.match(sessionLimited.json().error.message, /runs of this session/)
  t.equal((await runAs(app, A, second)).statusCode, 202, "the session's refusal did not spend the client's budget")
  const clientLimited = await runAs(app, A, third)
  t.equal(clientLimited.statusCode, 429)
  t.equal(clientLimited.json().error.code, 'rate_limited')
  t.match(clientLimited.json().error.message, /runs from this client: at most 3/)
  t.ok(retryAfter(clientLimited) >= 1)
  // Another client, even on a session the first one made (an id is a capability without API keys).
  t.equal((await runAs(app, B, third)).statusCode, 202, 'another client is not slowed')
})

t.test('runs queued or running at once: 429 too_many_active_runs, nothing written, freed when one ends', async (t) => {
  const { app, database } = await createTestApp(t, { CLIENT_ACTIVE_RUNS: '2' })
  const session = await sessionOf(app, A)
  const accepted = [await runAs(app, A, session), await runAs(app, A, session)]
  t.same(
    accepted.map((r) => r.statusCode),
    [202, 202],
  )
  const refused = await runAs(app, A, session)
  t.equal(refused.statusCode, 429)
  t.equal(refused.json().error.code, 'too_many_active_runs')
  t.match(refused.json().error.message, /2 runs queued or running/)
  t.ok(retryAfter(refused) >= 1, `Retry-After ${retryAfter(refused)}`)
  const count = await database.db.selectFrom('code_sessions').select('execution_count').executeTakeFirstOrThrow()
  t.equal(count.execution_count, 2, 'the refused run took no slot of the session')

  t.equal((await runAs(app, B, await sessionOf(app, B))).statusCode, 202, 'another client is not limited')

  // RUNNING still counts; a terminal run frees its place.
  const [running, done] = accepted.map((r) => r.json().execution_id as string)
  await database.db
    .updateTable('executions')
    .set({ status: 'RUNNING' })
    .where('id', '=', running ?? '')
    .execute()
  t.equal((await runAs(app, A, session)).statusCode, 429, 'a RUNNING run counts')
  await database.db
    .updateTable('executions')
    .set({ status: 'COMPLETED' })
    .where('id', '=', done ?? '')
    .execute()
  t.equal((await runAs(app, A, session)).statusCode, 202, 'a finished run frees its place')
})

t.test('concurrent runs of one client cannot pass its active limit together', async (t) => {
  const { app, database } = await createTestApp(t, { CLIENT_ACTIVE_RUNS: '3', RUNS_PER_MINUTE: '100' })
  const session = await sessionOf(app, A)
  const responses = await Promise.all(Array.from({ length: 12 }, () => runAs(app, A, session)))
  const statuses = responses.map((r) => r.statusCode).sort()
  t.same(statuses, [202, 202, 202, ...Array(9).fill(429)])
  const rows = await database.db.selectFrom('executions').select('id').execute()
  t.equal(rows.length, 3)
})

t.test('at most MAX_WAITING_RUNS wait in the queue: 503 overloaded with Retry-After', async (t) => {
  const { app, database } = await createTestApp(t, { MAX_WAITING_RUNS: '3' })
  const [a, b, c] = [await sessionOf(app, A), await sessionOf(app, B), await sessionOf(app, C)]
  t.equal((await runAs(app, A, a)).statusCode, 202)
  t.equal((await runAs(app, A, a)).statusCode, 202)
  const waitingB = await runAs(app, B, b)
  t.equal(waitingB.statusCode, 202)
  const overloaded = await runAs(app, C, c)
  t.equal(overloaded.statusCode, 503)
  t.equal(overloaded.json().error.code, 'overloaded')
  t.ok(retryAfter(overloaded) >= 1, `Retry-After ${retryAfter(overloaded)}`)
  const count = await database.db
    .selectFrom('executions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  t.equal(Number(count.n), 3, 'nothing written')
  // A run that has started no longer waits.
  await database.db
    .updateTable('executions')
    .set({ status: 'RUNNING' })
    .where('id', '=', waitingB.json().execution_id)
    .execute()
  t.equal((await runAs(app, C, c)).statusCode, 202)
})

t.test("fair share: a run's priority is 1 + its client's runs already queued or running", async (t) => {
  const { app } = await createTestApp(t, { RUNS_PER_MINUTE: '100' })
  const a = await sessionOf(app, A)
  const b = await sessionOf(app, B)
  const priorityOf = async (response: { json(): { execution_id: string } }) => {
    const job = await app.executionsQueue.getJob(response.json().execution_id)
    return job?.opts.priority
  }
  const aPriorities: (number | undefined)[] = []
  for (let i = 0; i < 4; i++) aPriorities.push(await priorityOf(await runAs(app, A, a)))
  t.same(aPriorities, [1, 2, 3, 4])
  t.equal(await priorityOf(await runAs(app, B, b)), 1, "another client's first run goes with A's first")
  t.equal(await priorityOf(await runAs(app, B, b)), 2)
})

t.test('forwarded addresses count only from a trusted proxy (TRUST_PROXY)', async (t) => {
  const untrusted = await createTestApp(t, { CLIENT_SESSIONS_PER_MINUTE: '1' })
  t.equal((await createAs(untrusted.app, A, { 'x-forwarded-for': '198.51.100.10' })).statusCode, 201)
  const spoofed = await createAs(untrusted.app, A, { 'x-forwarded-for': '198.51.100.11' })
  t.equal(spoofed.statusCode, 429, 'without TRUST_PROXY the header is ignored: same peer, same client')

  const trusted = await createTestApp(t, { CLIENT_SESSIONS_PER_MINUTE: '1', TRUST_PROXY: A })
  t.equal((await createAs(trusted.app, A, { 'x-forwarded-for': '198.51.100.10' })).statusCode, 201)
  t.equal((await createAs(trusted.app, A, { 'x-forwarded-for': '198.51.100.11' })).statusCode, 201, 'distinct clients')
  t.equal((await createAs(trusted.app, A, { 'x-forwarded-for': '198.51.100.10' })).statusCode, 429, 'same client')
  t.equal(
    (await createAs(trusted.app, B, { 'x-forwarded-for': '198.51.100.12' })).statusCode,
    201,
    'a peer that is not the proxy is its own client',
  )
  t.equal(
    (await createAs(trusted.app, B, { 'x-forwarded-for': '198.51.100.13' })).statusCode,
    429,
    'whatever it forwards',
  )
})
