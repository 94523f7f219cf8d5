// Signed callbacks end to end: a real receiver on a loopback address (allowed by WEBHOOK_ALLOW_HOSTS), the API,
// a worker, PostgreSQL, Redis and Docker.
import t from 'tap'
import { startDeliveryWorker } from '../../src/webhooks/delivery-worker.ts'
import { createSession, createTestApp, run } from '../api/app-helper.ts'
import { apiKeyCommand } from '../helpers/api-key-command.ts'
import { testLogger } from '../helpers/logger.ts'
import { startTestSystem, waitForTerminal } from '../helpers/system.ts'
import { waitFor } from '../helpers/wait.ts'
import { startReceiver, startSilentReceiver, verifySignature } from './receiver.ts'

const SECRET = 'server-wide-test-secret'
const fastRetries = {
  WEBHOOK_SECRET: SECRET,
  WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  WEBHOOK_BACKOFF_MS: '200',
  WEBHOOK_RETRY_FOR_MS: '3000',
}

t.test('a finished run is POSTed, signed, exactly as GET /executions/{id} answers it', async (t) => {
  const receiver = await startReceiver(t)
  const { app } = await startTestSystem(t, fastRetries)
  const session = await createSession(app, { language: 'python', source_code: 'print("hi")' })
  const accepted = await run(app, session.session_id, { payload: { callback_url: receiver.url } })
  t.equal(accepted.statusCode, 202)
  const id = accepted.json().execution_id
  await waitForTerminal(app, id)
  const [delivery] = await waitFor('the callback', () => receiver.received.length > 0 && receiver.received, 30_000)
  const get = await app.inject({ method: 'GET', url: `/executions/${id}` })
  t.equal(delivery?.body, get.body, 'the body is the very bytes GET answers')
  t.match(
    JSON.parse(delivery?.body ?? '{}'),
    { execution_id: id, status: 'COMPLETED', stdout: 'hi\n' },
    delivery?.body ?? '',
  )
  t.equal(delivery?.headers['content-type'], 'application/json')
  const signature = delivery?.headers['livecode-signature'] as string
  t.ok(verifySignature(signature, delivery?.body ?? '', SECRET), 'signed with WEBHOOK_SECRET')
  t.notOk(verifySignature(signature, `${delivery?.body} `, SECRET), 'a changed body fails the check')
  t.notOk(verifySignature(signature, delivery?.body ?? '', 'another secret'), 'another secret fails the check')

  const deliveries = await waitFor(
    'the attempt to be recorded',
    async () => {
      const answer = (await app.inject({ method: 'GET', url: `/executions/${id}/deliveries` })).json()
      return answer.state === 'delivered' && answer
    },
    10_000,
  )
  t.match(deliveries, {
    callback_url: receiver.url,
    state: 'delivered',
    deliveries: [{ attempt: 1, status_code: 200, error: null }],
  })
  t.equal(deliveries.deliveries.length, 1, 'one POST: 2xx ends it')
  const plain = await createSession(app, { language: 'python', source_code: 'print(1)' })
  const other = (await run(app, plain.session_id)).json().execution_id
  t.same((await app.inject({ method: 'GET', url: `/executions/${other}/deliveries` })).json(), {
    callback_url: null,
    state: 'none',
    deliveries: [],
  })
})

t.test("a judged run's callback carries its verdicts as GET does (a hidden case: its verdict only)", async (t) => {
  const receiver = await startReceiver(t)
  const { app } = await startTestSystem(t, fastRetries)
  const session = await createSession(app, { language: 'python', source_code: 'print(int(input()) * 2)' })
  const payload = {
    callback_url: receiver.url,
    test_cases: [
      { stdin: '2\n', expected_stdout: '4\n' },
      { stdin: '3\n', expected_stdout: '7\n', hidden: true },
    ],
  }
  const id = (await run(app, session.session_id, { payload })).json().execution_id
  const [delivery] = await waitFor('the callback', () => receiver.received.length > 0 && receiver.received, 60_000)
  const get = await app.inject({ method: 'GET', url: `/executions/${id}` })
  t.equal(delivery?.body, get.body, 'the very bytes GET answers')
  const body = JSON.parse(delivery?.body ?? '{}')
  t.same(body.test_summary, { passed: 1, total: 2 })
  t.same(body.test_results[1], { index: 1, hidden: true, verdict: 'wrong_answer' })
})

t.test('a receiver that fails twice gets the callback again, with backoff, until it answers 2xx', async (t) => {
  const receiver = await startReceiver(t, [500, 503])
  const { app } = await startTestSystem(t, fastRetries)
  const session = await createSession(app, { language: 'python', source_code: 'print(2)' })
  const id = (await run(app, session.session_id, { payload: { callback_url: receiver.url } })).json().execution_id
  const deliveries = await waitFor(
    'the third try to succeed',
    async () => {
      const answer = (await app.inject({ method: 'GET', url: `/executions/${id}/deliveries` })).json()
      return answer.state === 'delivered' && answer
    },
    30_000,
  )
  t.match(deliveries.deliveries, [
    { attempt: 1, status_code: 500, error: 'the receiver answered 500' },
    { attempt: 2, status_code: 503, error: 'the receiver answered 503' },
    { attempt: 3, status_code: 200, error: null },
  ])
  const times = deliveries.deliveries.map((attempt: { attempted_at: string }) => Date.parse(attempt.attempted_at))
  t.ok(times[1] - times[0] >= 200, `first retry after the backoff (${times[1] - times[0]} ms)`)
  t.ok(times[2] - times[1] >= 400, `second retry after twice the backoff (${times[2] - times[1]} ms)`)
  t.equal(receiver.received.length, 3)
  t.equal(new Set(receiver.received.map((r) => r.body)).size, 1, 'every try sends the same execution')
})

t.test('a receiver that never answers holds a delivery slot, never a run', async (t) => {
  const silent = await startSilentReceiver(t)
  const { app } = await startTestSystem(t, { ...fastRetries, WEBHOOK_TIMEOUT_MS: '60000', WEBHOOK_CONCURRENCY: '1' })
  const ids: string[] = []
  for (const n of [1, 2, 3]) {
    const session = await createSession(app, { language: 'python', source_code: `print(${n})` })
    const id = (await run(app, session.session_id, { payload: { callback_url: silent.url } })).json().execution_id
    ids.push(id)
    t.match(await waitForTerminal(app, id, 30_000), { status: 'COMPLETED', stdout: `${n}\n` }, `run ${n} ended`)
  }
  await waitFor('the first callback to hang', () => silent.requests.length > 0, 10_000)
  t.equal(silent.requests.length, 1, 'one delivery slot, held by the silent receiver')
  for (const id of ids) {
    const deliveries = (await app.inject({ method: 'GET', url: `/executions/${id}/deliveries` })).json()
    t.match(deliveries, { state: 'pending', deliveries: [] }, 'its callback still waits')
  }
  silent.hangUp()
})

t.test('callback URLs that are not http(s) or point at private addresses are refused with 400', async (t) => {
  const { app } = await createTestApp(t, { WEBHOOK_SECRET: SECRET })
  const session = await createSession(app, { language: 'python', source_code: 'print(3)' })
  const refused = {
    'not a url': /not an absolute URL/,
    'ftp://example.com/hook': /http or https/,
    'file:///etc/passwd': /http or https/,
    'http://user:pw@example.com/hook': /credentials/,
    'http://127.0.0.1:9/hook': /loopback, private/,
    'http://[::1]/hook': /loopback, private/,
    'http://10.1.2.3/hook': /loopback, private/,
    'http://192.168.0.10/hook': /loopback, private/,
    'http://100.64.0.1/hook': /loopback, private/,
    'http://169.254.169.254/latest/meta-data': /loopback, private/,
    'http://[fd00:ec2::254]/': /loopback, private/,
    'http://[::ffff:127.0.0.1]/hook': /loopback, private/,
    'http://0x7f.1/hook': /loopback, private/,
    'http://0.0.0.0/hook': /loopback, private/,
    'http://224.0.0.1/hook': /loopback, private/,
    'http://localhost:3000/hook': /localhost/,
  }
  for (const [url, reason] of Object.entries(refused)) {
    const answer = await run(app, session.session_id, { payload: { callback_url: url } })
    t.equal(answer.statusCode, 400, url)
    t.equal(answer.json().error.code, 'validation_error')
    t.match(answer.json().error.message, reason, url)
  }
  const extra = await run(app, session.session_id, { payload: { callback: 'http://example.com/' } })
  t.equal(extra.statusCode, 400, 'an unknown field is refused')
  const after = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(after.json().execution_count, 0, 'no refusal spent a run')
  const accepted = await run(app, session.session_id, { payload: { callback_url: 'https://example.com/hook' } })
  t.equal(accepted.statusCode, 202, 'a public https URL is accepted')
  const noBody = await run(app, session.session_id)
  t.equal(noBody.statusCode, 202, 'a run without a body still runs')
})

t.test('without an API key and without WEBHOOK_SECRET, nothing could sign: callback_url is refused', async (t) => {
  const { app } = await createTestApp(t, { WEBHOOK_SECRET: '' })
  const session = await createSession(app, { language: 'python', source_code: 'print(4)' })
  const answer = await run(app, session.session_id, { payload: { callback_url: 'https://example.com/hook' } })
  t.equal(answer.statusCode, 400)
  t.match(answer.json().error.message, /WEBHOOK_SECRET/)
})

t.test("a cancelled queued run is called back too, signed with its API key's own secret", async (t) => {
  const receiver = await startReceiver(t)
  // No worker runs programs here: the run stays QUEUED until it is cancelled; callbacks have their worker.
  const { app, config, database } = await createTestApp(t, { ...fastRetries, API_KEYS_REQUIRED: 'true' })
  const stopDeliveries = startDeliveryWorker(config, database.db, testLogger())
  t.teardown(stopDeliveries)
  const created = await apiKeyCommand(database.url, 'create', 'hooks')
  const key = created.stdout.trim()
  const keySecret = /shown only now: (\S+)$/m.exec(created.stderr)?.[1] ?? ''
  const auth = { headers: { authorization: `Bearer ${key}` } }
  const session = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'print(5)' },
    ...auth,
  })
  const sessionId = session.json().session_id
  const accepted = await run(app, sessionId, { payload: { callback_url: receiver.url }, ...auth })
  t.equal(accepted.statusCode, 202)
  const id = accepted.json().execution_id
  const cancelled = await app.inject({ method: 'POST', url: `/executions/${id}/cancel`, ...auth })
  t.equal(cancelled.json().failure_reason, 'cancelled')
  const [delivery] = await waitFor('the callback', () => receiver.received.length > 0 && receiver.received, 20_000)
  t.match(JSON.parse(delivery?.body ?? '{}'), { execution_id: id, status: 'FAILED', failure_reason: 'cancelled' })
  const signature = delivery?.headers['livecode-signature'] as string
  t.ok(verifySignature(signature, delivery?.body ?? '', keySecret), "signed with the key's secret")
  t.notOk(verifySignature(signature, delivery?.body ?? '', SECRET), 'not with the server-wide one')
  const anonymous = await app.inject({ method: 'GET', url: `/executions/${id}/deliveries` })
  t.equal(anonymous.statusCode, 401, 'deliveries need the key')
  const other = (await apiKeyCommand(database.url, 'create', 'other')).stdout.trim()
  const foreign = await app.inject({
    method: 'GET',
    url: `/executions/${id}/deliveries`,
    headers: { authorization: `Bearer ${other}` },
  })
  t.equal(foreign.statusCode, 404, "another key's run does not exist for it")
})

t.test('at delivery, a target that resolves to a forbidden address is refused once, for good', async (t) => {
  const receiver = await startReceiver(t)
  const { app, config, database } = await createTestApp(t, fastRetries)
  const stopDeliveries = startDeliveryWorker(config, database.db, testLogger())
  t.teardown(stopDeliveries)
  const session = await createSession(app, { language: 'python', source_code: 'print(6)' })
  // Accepted at POST (a public name), then pointed, as a DNS change would, at a loopback address that is not
  // allowed: the delivery's own check after resolution refuses it.
  const accepted = await run(app, session.session_id, { payload: { callback_url: 'https://example.com/hook' } })
  const id = accepted.json().execution_id
  await database.db
    .updateTable('executions')
    .set({ callback_url: `http://localhost:${receiver.port}/hook` })
    .where('id', '=', id)
    .execute()
  await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  const deliveries = await waitFor(
    'the refusal',
    async () => {
      const answer = (await app.inject({ method: 'GET', url: `/executions/${id}/deliveries` })).json()
      return answer.state === 'failed' && answer
    },
    20_000,
  )
  t.match(deliveries.deliveries, [{ attempt: 1, status_code: null, error: /localhost resolves to .*forbidden/ }])
  t.equal(deliveries.deliveries.length, 1, 'not retried')
  t.equal(receiver.received.length, 0, 'nothing reached the receiver')
})
