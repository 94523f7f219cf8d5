import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import t from 'tap'
import type { Database } from '../../src/db/types.ts'
import type { ExecutionJobData } from '../../src/queue/executions-queue.ts'
import { testRedisUrl } from '../helpers/redis.ts'
import { createSession, createTestApp, MISSING_ID, run } from './app-helper.ts'

async function executionRows(db: Kysely<Database>, sessionId: string) {
  return db.selectFrom('executions').selectAll().where('session_id', '=', sessionId).execute()
}

async function countRows(db: Kysely<Database>, sessionId: string): Promise<number> {
  return (await executionRows(db, sessionId)).length
}

t.test('a run is accepted: a QUEUED row with a snapshot, and a job whose id is the execution id', async (t) => {
  const { app, config, database } = await createTestApp(t)
  const session = await createSession(app, { language: 'python', source_code: 'print(input())', stdin: 'hello' })

  const response = await run(app, session.session_id)
  t.equal(response.statusCode, 202)
  const accepted = response.json()
  t.same(Object.keys(accepted).sort(), ['execution_id', 'queued_at', 'session_id', 'status'])
  t.match(accepted, { session_id: session.session_id, status: 'QUEUED' })
  t.match(accepted.queued_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)

  const [row, ...others] = await executionRows(database.db, session.session_id)
  t.equal(others.length, 0)
  t.match(row, {
    id: accepted.execution_id,
    status: 'QUEUED',
    language: 'python',
    source_code: 'print(input())',
    stdin: 'hello',
  })
  t.equal(row?.queued_at.toISOString(), accepted.queued_at)

  const connection = new Redis(testRedisUrl())
  const queue = new Queue<ExecutionJobData>(config.QUEUE_NAME, { connection })
  t.teardown(async () => {
    await queue.close()
    await connection.quit()
  })
  const job = await queue.getJob(accepted.execution_id)
  t.ok(job, 'the job exists')
  t.equal(job?.id, accepted.execution_id)
  t.same(job?.data, { executionId: accepted.execution_id })
  t.equal(job?.opts.attempts, config.JOB_ATTEMPTS)

  const count = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(count.json().execution_count, 1)

  const execution = await app.inject({ method: 'GET', url: `/executions/${accepted.execution_id}` })
  t.equal(execution.statusCode, 200)
  t.same(execution.json(), {
    execution_id: accepted.execution_id,
    session_id: session.session_id,
    language: 'python',
    status: 'QUEUED',
    stdout: '',
    stderr: '',
    stdout_truncated: false,
    stderr_truncated: false,
    exit_code: null,
    failure_reason: null,
    duration_ms: null,
    cpu_time_ms: null,
    peak_memory_bytes: null,
    queued_at: accepted.queued_at,
    started_at: null,
    finished_at: null,
    interactive: false,
    input: '',
    input_eof: false,
    compare: null,
    test_results: null,
    test_summary: null,
  })
})

t.test('an autosave after a run does not change what that run executes', async (t) => {
  const { app, database } = await createTestApp(t)
  const session = await createSession(app, { language: 'python', source_code: 'print(1)', stdin: 'a' })
  const first = (await run(app, session.session_id)).json()
  await app.inject({
    method: 'PATCH',
    url: `/code-sessions/${session.session_id}`,
    payload: { language: 'javascript', source_code: 'console.log(2)', stdin: 'b' },
  })
  const second = (await run(app, session.session_id)).json()
  const rows = await database.db
    .selectFrom('executions')
    .select(['id', 'language', 'source_code', 'stdin'])
    .where('session_id', '=', session.session_id)
    .execute()
  const byId = new Map(rows.map((row) => [row.id, row]))
  t.match(byId.get(first.execution_id), { language: 'python', source_code: 'print(1)', stdin: 'a' })
  t.match(byId.get(second.execution_id), { language: 'javascript', source_code: 'console.log(2)', stdin: 'b' })
  const execution = await app.inject({ method: 'GET', url: `/executions/${first.execution_id}` })
  t.equal(execution.json().language, 'python')
})

t.test('a run of an unknown session is 404; a malformed id is 400 and spends no rate budget', async (t) => {
  const { app } = await createTestApp(t, { RUNS_PER_MINUTE: '1' })
  const missing = await run(app, MISSING_ID)
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'not_found')
  for (let i = 0; i < 3; i++) {
    const malformed = await run(app, 'abc')
    t.equal(malformed.statusCode, 400)
    t.equal(malformed.json().error.code, 'validation_error')
  }
  const session = await createSession(app)
  t.equal((await run(app, session.session_id)).statusCode, 202)
  // An empty JSON body with its content type, as some clients send, is no body.
  const other = await createSession(app)
  const withHeader = await run(app, other.session_id, { headers: { 'content-type': 'application/json' } })
  t.equal(withHeader.statusCode, 202)
})

t.test('GET /executions/:id answers 404 for an unknown id and 400 for a malformed one', async (t) => {
  const { app } = await createTestApp(t)
  const missing = await app.inject({ method: 'GET', url: `/executions/${MISSING_ID}` })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'not_found')
  const malformed = await app.inject({ method: 'GET', url: '/executions/42' })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.json().error.message, /params\.execution_id must be a UUID/)
})

t.test('a lowered cap: runs past it answer 409 and write nothing', async (t) => {
  const { app, database } = await createTestApp(t, { RUNS_PER_SESSION: '3' })
  const session = await createSession(app)
  for (let i = 0; i < 3; i++) t.equal((await run(app, session.session_id)).statusCode, 202)
  const over = await run(app, session.session_id)
  t.equal(over.statusCode, 409)
  t.equal(over.json().error.code, 'execution_limit_reached')
  t.equal(await countRows(database.db, session.session_id), 3)
  const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(read.json().execution_count, 3)
})

t.test('the default cap of 100 holds under concurrent runs', async (t) => {
  const { app, config, database } = await createTestApp(t, {
    RUNS_PER_MINUTE: '1000',
    CLIENT_RUNS_PER_MINUTE: '1000',
    CLIENT_ACTIVE_RUNS: '1000',
  })
  t.equal(config.RUNS_PER_SESSION, 100, 'the real default')
  const session = await createSession(app)
  const statuses: number[] = []
  // 80 in concurrent waves, then 30 at once across the boundary: exactly 20 of those fit.
  for (let wave = 0; wave < 4; wave++) {
    const responses = await Promise.all(Array.from({ length: 20 }, () => run(app, session.session_id)))
    statuses.push(...responses.map((response) => response.statusCode))
  }
  const boundary = await Promise.all(Array.from({ length: 30 }, () => run(app, session.session_id)))
  statuses.push(...boundary.map((response) => response.statusCode))
  t.equal(statuses.filter((status) => status === 202).length, 100, 'exactly 100 accepted')
  t.equal(statuses.filter((status) => status === 409).length, 10, 'the rest refused')
  t.ok(
    boundary
      .filter((response) => response.statusCode === 409)
      .every((r) => r.json().error.code === 'execution_limit_reached'),
  )
  t.equal(await countRows(database.db, session.session_id), 100, 'no 101st row')
  const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(read.json().execution_count, 100)
  t.equal((await run(app, session.session_id)).statusCode, 409)
})

t.test('when Redis refuses the job, the reservation and the row roll back', async (t) => {
  const { app, config, database } = await createTestApp(t)
  const session = await createSession(app)
  // Break the queue's id counter with a real Redis value of the wrong type: BullMQ's add script fails on it.
  const redis = new Redis(testRedisUrl())
  t.teardown(async () => {
    await redis.del(`bull:${config.QUEUE_NAME}:id`)
    await redis.quit()
  })
  await redis.set(`bull:${config.QUEUE_NAME}:id`, 'not a number')
  const response = await run(app, session.session_id)
  t.equal(response.statusCode, 500)
  t.same(response.json(), { error: { code: 'internal_error', message: 'internal error' } }, 'no details leak')
  t.equal(await countRows(database.db, session.session_id), 0, 'no row')
  const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(read.json().execution_count, 0, 'the count is unchanged')

  await redis.del(`bull:${config.QUEUE_NAME}:id`)
  t.equal((await run(app, session.session_id)).statusCode, 202, 'accepted once Redis takes jobs again')
})
