// The live-run API (events, ?wait=, cancel) against real PostgreSQL and Redis; the worker's part is played
// by the test with the same repository functions and publisher the worker uses. test/e2e/live-runs.test.ts
// runs the same routes against a real worker and real sandboxes.
import http from 'node:http'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import { pino } from 'pino'
import t, { type Test } from 'tap'
import { markFinished, markRunning } from '../../src/db/executions-repository.ts'
import { EventPublisher } from '../../src/events/publisher.ts'
import { streamedText, subscribe } from '../helpers/sse-client.ts'
import { waitFor } from '../helpers/wait.ts'
import { createSession, createTestApp, MISSING_ID, run, startApp } from './app-helper.ts'

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('not listening')
  return `http://127.0.0.1:${address.port}`
}

function publisherFor(t: Test, queueName: string): EventPublisher {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
  t.teardown(() => redis.quit())
  return new EventPublisher(redis, { queueName, maxEntries: 1000, ttlSeconds: 60 }, pino({ level: 'silent' }))
}

const completed = (stdout: string) => ({
  status: 'COMPLETED' as const,
  failure_reason: null,
  exit_code: 0,
  stdout,
  stderr: '',
  stdout_truncated: false,
  stderr_truncated: false,
  duration_ms: 5,
  cpu_time_ms: 40,
  peak_memory_bytes: 9_000_000,
})

async function queuedRun(app: FastifyInstance): Promise<string> {
  const session = await createSession(app)
  const response = await run(app, session.session_id)
  if (response.statusCode !== 202) throw new Error(response.body)
  return response.json().execution_id
}

t.test('events: status, output in order as published, then the terminal status and done', async (t) => {
  const { app, config, database } = await createTestApp(t)
  const base = await listen(app)
  const publisher = publisherFor(t, config.QUEUE_NAME)
  const id = await queuedRun(app)

  const stream = await subscribe(base, `/executions/${id}/events`)
  t.equal(stream.status, 200)
  await stream.waitFor((e) => e.event === 'status' && e.data.status === 'QUEUED')
  const running = await markRunning(database.db, id, 'test-engine')
  await publisher.status(id, 'RUNNING')
  const output = publisher.output(id)
  output.write('stdout', 'one\n')
  await stream.waitFor((e) => e.event === 'stdout')
  output.write('stderr', 'warn\n')
  output.write('stdout', 'two\n')
  await output.close()
  await markFinished(database.db, id, running?.attempts ?? 1, completed('one\ntwo\n'))
  await stream.ended

  t.same(
    stream.events.map((e) => e.event),
    ['status', 'status', 'stdout', 'stderr', 'stdout', 'status', 'done'],
  )
  t.same(
    stream.events.filter((e) => e.event === 'status').map((e) => e.data.status),
    ['QUEUED', 'RUNNING', 'COMPLETED'],
  )
  t.equal(streamedText(stream.events, 'stdout'), 'one\ntwo\n')
  const done = stream.events.at(-1)
  const fetched = await app.inject({ method: 'GET', url: `/executions/${id}` })
  t.same(done?.data, fetched.json(), 'done carries the execution as GET gives it')
  const ids = stream.events.map((e) => e.id)
  t.ok(
    ids.every((eventId) => typeof eventId === 'string' && /^\d+-\d+$/.test(eventId)),
    'every event has an id',
  )
  t.equal(new Set(ids.slice(1)).size, ids.length - 1, 'ids after the first are distinct')
})

t.test('events: a run that had ended sends status and done at once', async (t) => {
  const { app, database } = await createTestApp(t)
  const base = await listen(app)
  const id = await queuedRun(app)
  const running = await markRunning(database.db, id, 'test-engine')
  await markFinished(database.db, id, running?.attempts ?? 1, completed('hi\n'))
  const stream = await subscribe(base, `/executions/${id}/events`)
  await stream.ended
  t.same(
    stream.events.map((e) => [e.event, e.data.status]),
    [
      ['status', 'COMPLETED'],
      ['done', 'COMPLETED'],
    ],
  )
  t.equal(stream.events[1]?.data.stdout, 'hi\n')
})

t.test('events: a late subscriber gets the past replayed; Last-Event-ID resumes after that event', async (t) => {
  const { app, config, database } = await createTestApp(t)
  const base = await listen(app)
  const publisher = publisherFor(t, config.QUEUE_NAME)
  const id = await queuedRun(app)
  const running = await markRunning(database.db, id, 'test-engine')
  await publisher.status(id, 'RUNNING')
  for (const line of ['a\n', 'b\n', 'c\n']) await publisher.publish(id, [{ event: 'stdout', data: { data: line } }])

  const late = await subscribe(base, `/executions/${id}/events`)
  await late.waitFor((e) => e.event === 'stdout' && e.data.data === 'c\n')
  t.same(
    late.events.map((e) => e.event),
    ['status', 'stdout', 'stdout', 'stdout'],
    'the current status, then the output so far (the repeated RUNNING is not sent twice)',
  )
  const afterA = late.events[1]?.id as string
  late.close()

  const resumed = await subscribe(base, `/executions/${id}/events`, afterA)
  await resumed.waitFor((e) => e.event === 'stdout' && e.data.data === 'c\n')
  t.same(streamedText(resumed.events, 'stdout'), 'b\nc\n', 'only what came after the given id')
  await publisher.publish(id, [{ event: 'stdout', data: { data: 'd\n' } }])
  await resumed.waitFor((e) => e.event === 'stdout' && e.data.data === 'd\n')
  await markFinished(database.db, id, running?.attempts ?? 1, completed('a\nb\nc\nd\n'))
  await resumed.ended
  t.same(streamedText(resumed.events, 'stdout'), 'b\nc\nd\n')
  t.equal(resumed.events.at(-1)?.event, 'done')

  const bad = await app.inject({ method: 'GET', url: `/executions/${id}/events`, headers: { 'last-event-id': 'x' } })
  t.equal(bad.statusCode, 400)
  const missing = await app.inject({ method: 'GET', url: `/executions/${MISSING_ID}/events` })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'not_found')
})

t.test('events: any replica serves any run (subscribed on one, requested and ended through another)', async (t) => {
  const { app: first, config, database } = await createTestApp(t)
  const second = await startApp(t, { ...config })
  const base = await listen(first)
  const publisher = publisherFor(t, config.QUEUE_NAME)
  const id = await queuedRun(second)
  const stream = await subscribe(base, `/executions/${id}/events`)
  await stream.waitFor((e) => e.event === 'status')
  const running = await markRunning(database.db, id, 'test-engine')
  await publisher.status(id, 'RUNNING')
  await publisher.publish(id, [{ event: 'stdout', data: { data: 'from afar\n' } }])
  await stream.waitFor((e) => e.event === 'stdout')
  await markFinished(database.db, id, running?.attempts ?? 1, completed('from afar\n'))
  await stream.ended
  t.equal(streamedText(stream.events, 'stdout'), 'from afar\n')
  t.equal(stream.events.at(-1)?.event, 'done')
})

t.test('events: many subscribers share one reader; keep-alive comments; closing ends the streams', async (t) => {
  const { app, config } = await createTestApp(t, { EVENT_KEEPALIVE_MS: '200' })
  const base = await listen(app)
  const publisher = publisherFor(t, config.QUEUE_NAME)
  const ids = await Promise.all([queuedRun(app), queuedRun(app)])
  const streams = await Promise.all(
    Array.from({ length: 20 }, (_, i) => subscribe(base, `/executions/${ids[i % 2]}/events`)),
  )
  await Promise.all(streams.map((s) => s.waitFor((e) => e.event === 'status')))
  t.equal(app.streamHub.followedCount, 2, 'one followed stream per run, whatever the number of subscribers')
  await publisher.publish(ids[0] as string, [{ event: 'stdout', data: { data: 'x' } }])
  await Promise.all(streams.filter((_, i) => i % 2 === 0).map((s) => s.waitFor((e) => e.event === 'stdout')))
  await new Promise((resolve) => setTimeout(resolve, 500))
  t.ok(
    streams.every((s) => s.comments >= 1),
    'idle streams get keep-alive comments',
  )
  await app.close()
  await Promise.all(streams.map((s) => s.ended))
  t.pass('open streams end when the API closes')
})

t.test('?wait= answers when the run ends, or with the current state after N seconds', async (t) => {
  const { app, database } = await createTestApp(t)
  const id = await queuedRun(app)

  let started = Date.now()
  const timedOut = await app.inject({ method: 'GET', url: `/executions/${id}?wait=1` })
  const waited = Date.now() - started
  t.equal(timedOut.statusCode, 200)
  t.equal(timedOut.json().status, 'QUEUED', 'after N s: the current state')
  t.ok(waited >= 950, `waited the full second (${waited} ms)`)

  started = Date.now()
  const pending = app.inject({ method: 'GET', url: `/executions/${id}?wait=30` })
  await new Promise((resolve) => setTimeout(resolve, 300))
  const running = await markRunning(database.db, id, 'test-engine')
  await markFinished(database.db, id, running?.attempts ?? 1, completed('done\n'))
  const answered = await pending
  const elapsed = Date.now() - started
  t.equal(answered.json().status, 'COMPLETED')
  t.ok(elapsed < 10_000, `answered on the end, not at 30 s (${elapsed} ms)`)

  started = Date.now()
  const terminal = await app.inject({ method: 'GET', url: `/executions/${id}?wait=30` })
  t.equal(terminal.json().status, 'COMPLETED')
  t.ok(Date.now() - started < 5000, 'a terminal run answers at once')

  for (const wait of ['31', '-1', 'soon']) {
    const bad = await app.inject({ method: 'GET', url: `/executions/${id}?wait=${wait}` })
    t.equal(bad.statusCode, 400, `wait=${wait} is refused`)
  }
  const missing = await app.inject({ method: 'GET', url: `/executions/${MISSING_ID}?wait=1` })
  t.equal(missing.statusCode, 404)
  t.equal(app.terminalNotifications.watchedCount, 0, 'no watcher left behind')
})

t.test('?wait=: a client that goes away stops its wait at once; one answered leaves no watcher', async (t) => {
  const { app } = await createTestApp(t)
  const id = await queuedRun(app)
  const url = await listen(app)
  const request = http.get(`${url}/executions/${id}?wait=30`)
  request.on('error', () => {}) // the socket this test destroys
  await waitFor('the wait to watch the run', () => app.terminalNotifications.watchedCount === 1, 10_000, 10)
  const started = Date.now()
  request.destroy()
  await waitFor('the wait to stop with its client', () => app.terminalNotifications.watchedCount === 0, 10_000, 10)
  t.ok(Date.now() - started < 5000, `stopped ${Date.now() - started} ms after the client went, not at 30 s`)

  const answered = await fetch(`${url}/executions/${id}?wait=1`)
  t.equal(((await answered.json()) as { status: string }).status, 'QUEUED')
  t.equal(app.terminalNotifications.watchedCount, 0, 'no watcher left behind')
})

t.test('?wait= survives the loss of the notification connection: it looks again once reconnected', async (t) => {
  const { app, database } = await createTestApp(t)
  const id = await queuedRun(app)
  const started = Date.now()
  const pending = app.inject({ method: 'GET', url: `/executions/${id}?wait=30` })
  await new Promise((resolve) => setTimeout(resolve, 300))
  // The LISTEN connection is cut; the run ends while it is away, so its notification is lost. Only backends of
  // this test's own role are candidates: terminating any other is refused (and none is this API's).
  const { rows } = await sql<{ pid: number }>`select pg_terminate_backend(pid) as pid from pg_stat_activity
    where datname = current_database() and usename = current_user and query ilike 'LISTEN%'`.execute(database.db)
  t.equal(rows.length, 1, 'the one LISTEN connection of this API was cut')
  const running = await markRunning(database.db, id, 'test-engine')
  await markFinished(database.db, id, running?.attempts ?? 1, completed('after the outage\n'))
  const answered = await pending
  t.equal(answered.json().status, 'COMPLETED')
  t.ok(Date.now() - started < 15_000, `answered after the reconnection (${Date.now() - started} ms), not at 30 s`)
})

t.test('cancel: a queued run ends at once and never starts; again: same answer; after another end: 409', async (t) => {
  const { app, database } = await createTestApp(t)
  const id = await queuedRun(app)
  const cancelled = await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  t.equal(cancelled.statusCode, 202)
  t.match(cancelled.json(), { execution_id: id, status: 'FAILED', failure_reason: 'cancelled', started_at: null })
  t.equal(await app.executionsQueue.getJob(id), undefined, 'its job is gone')
  t.equal(await markRunning(database.db, id, 'test-engine'), undefined, 'a worker cannot claim it any more')

  const again = await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  t.equal(again.statusCode, 202, 'idempotent')
  t.same(again.json(), cancelled.json())

  const other = await queuedRun(app)
  const running = await markRunning(database.db, other, 'test-engine')
  await markFinished(database.db, other, running?.attempts ?? 1, completed(''))
  const late = await app.inject({ method: 'POST', url: `/executions/${other}/cancel` })
  t.equal(late.statusCode, 409)
  t.equal(late.json().error.code, 'already_finished')

  const missing = await app.inject({ method: 'POST', url: `/executions/${MISSING_ID}/cancel` })
  t.equal(missing.statusCode, 404)
  const malformed = await app.inject({ method: 'POST', url: '/executions/nope/cancel' })
  t.equal(malformed.statusCode, 400)
})

t.test('cancel of a running run: recorded in the row and announced to the workers', async (t) => {
  const { app, config, database } = await createTestApp(t)
  const id = await queuedRun(app)
  await markRunning(database.db, id, 'test-engine')
  const listener = new Redis(config.REDIS_URL)
  t.teardown(() => listener.quit())
  const heard = new Promise<string>((resolve) => listener.on('message', (_channel, message) => resolve(message)))
  await listener.subscribe(`livecode:${config.QUEUE_NAME}:cancel`)
  const answer = await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  t.equal(await heard, id, 'the workers heard of it')
  t.equal(answer.statusCode, 202)
  t.equal(answer.json().status, 'RUNNING', 'nobody killed it within the wait: the current state')
  const row = await database.db.selectFrom('executions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  t.ok(row.cancel_requested_at, 'the request is in the row, for a holder that missed the message')
})

t.test('Idempotency-Key: a retry answers with the first run, creates nothing and spends no limit', async (t) => {
  const { app, database } = await createTestApp(t, { RUNS_PER_MINUTE: '2' })
  const session = await createSession(app)
  const headers = { 'idempotency-key': 'retry-1' }
  const first = await run(app, session.session_id, { headers })
  t.equal(first.statusCode, 202)
  for (let i = 0; i < 4; i++) {
    const retry = await run(app, session.session_id, { headers })
    t.equal(retry.statusCode, 202, 'retries are answered even past the per-minute limit')
    t.same(retry.json(), first.json(), 'with the first 202 body')
  }
  const rows = await database.db
    .selectFrom('executions')
    .select('id')
    .where('session_id', '=', session.session_id)
    .execute()
  t.equal(rows.length, 1, 'one run')
  const fetched = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(fetched.json().execution_count, 1, 'one counted')
  const other = await run(app, session.session_id, { headers: { 'idempotency-key': 'retry-2' } })
  t.equal(other.statusCode, 202, 'another key is another run (the second of two a minute)')
  t.not(other.json().execution_id, first.json().execution_id)
  const otherSession = await createSession(app)
  const sameKeyElsewhere = await run(app, otherSession.session_id, { headers })
  t.equal(sameKeyElsewhere.statusCode, 202)
  t.not(sameKeyElsewhere.json().execution_id, first.json().execution_id, 'keys belong to their session')
  const tooLong = await run(app, session.session_id, { headers: { 'idempotency-key': 'k'.repeat(256) } })
  t.equal(tooLong.statusCode, 400)
})

t.test('Idempotency-Key: identical requests at once create one run', async (t) => {
  const { app, database } = await createTestApp(t)
  const session = await createSession(app)
  const headers = { 'idempotency-key': 'together' }
  const answers = await Promise.all(Array.from({ length: 8 }, () => run(app, session.session_id, { headers })))
  t.same(
    answers.map((a) => a.statusCode),
    Array(8).fill(202),
  )
  t.equal(new Set(answers.map((a) => a.json().execution_id)).size, 1, 'one execution id in every answer')
  const rows = await database.db
    .selectFrom('executions')
    .select('id')
    .where('session_id', '=', session.session_id)
    .execute()
  t.equal(rows.length, 1)
  const fetched = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(fetched.json().execution_count, 1)
})
