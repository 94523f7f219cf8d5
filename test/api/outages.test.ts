import t from 'tap'
import { insertSession } from '../../src/db/sessions-repository.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { createSession, createTestApp, MISSING_ID, run, startApp, testConfig } from './app-helper.ts'

const CLOSED_REDIS = 'redis://127.0.0.1:1'
const CLOSED_POSTGRES = 'postgres://livecode:livecode@127.0.0.1:1/livecode'

t.test('Redis unreachable: a run answers 503 and leaves nothing written', async (t) => {
  const database = await createTestDatabase(t)
  const app = await startApp(t, testConfig(database.url, { REDIS_URL: CLOSED_REDIS }))
  const session = await insertSession(database.db, { language: 'python', source_code: 'print(1)', stdin: '' })

  for (let i = 0; i < 2; i++) {
    const response = await run(app, session.id)
    t.equal(response.statusCode, 503)
    t.same(response.json(), { error: { code: 'unavailable', message: response.json().error.message } })
    t.notMatch(response.json().error.message, /Stream|ECONNREFUSED|ioredis/, 'no internals in the message')
  }
  const rows = await database.db.selectFrom('executions').select('id').execute()
  t.equal(rows.length, 0, 'no execution row')
  const count = await database.db
    .selectFrom('code_sessions')
    .select('execution_count')
    .where('id', '=', session.id)
    .executeTakeFirst()
  t.equal(count?.execution_count, 0, 'the count is unchanged')

  // What needs only PostgreSQL still works.
  t.equal((await app.inject({ method: 'GET', url: `/code-sessions/${session.id}` })).statusCode, 200)
  const patch = await app.inject({ method: 'PATCH', url: `/code-sessions/${session.id}`, payload: { stdin: 'x' } })
  t.equal(patch.statusCode, 200)
  // A new session is counted against its client's budget in Redis: refused, never let through uncounted.
  const create = await app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'python' } })
  t.equal(create.statusCode, 503)
  t.equal(create.json().error.code, 'unavailable')
  t.equal((await database.db.selectFrom('code_sessions').select('id').execute()).length, 1, 'no session written')

  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.json().error.code, 'unavailable')
  t.match(ready.json().error.message, /redis/)
  t.notMatch(ready.json().error.message, /postgres/)
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'liveness does not depend on Redis')
})

t.test('Redis lost after a healthy start: runs answer 503, nothing written', async (t) => {
  const { app, database } = await createTestApp(t)
  const session = await createSession(app)
  t.equal((await run(app, session.session_id)).statusCode, 202)
  app.redis.disconnect()
  const response = await run(app, session.session_id)
  t.equal(response.statusCode, 503)
  t.equal(response.json().error.code, 'unavailable')
  const rows = await database.db.selectFrom('executions').select('id').execute()
  t.equal(rows.length, 1, 'only the run accepted before')
  const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(read.json().execution_count, 1)
})

t.test('PostgreSQL unreachable: 503 unavailable, never a 500', async (t) => {
  const app = await startApp(t, testConfig(CLOSED_POSTGRES))
  const create = await app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'python' } })
  t.equal(create.statusCode, 503)
  t.equal(create.json().error.code, 'unavailable')
  t.notMatch(create.json().error.message, /ECONNREFUSED|127\.0\.0\.1/, 'no internals in the message')
  const get = await app.inject({ method: 'GET', url: `/code-sessions/${MISSING_ID}` })
  t.equal(get.statusCode, 503)
  t.equal(get.json().error.code, 'unavailable')
  const patch = await app.inject({ method: 'PATCH', url: `/code-sessions/${MISSING_ID}`, payload: { stdin: '' } })
  t.equal(patch.statusCode, 503)
  const runResponse = await run(app, MISSING_ID)
  t.equal(runResponse.statusCode, 503)
  const execution = await app.inject({ method: 'GET', url: `/executions/${MISSING_ID}` })
  t.equal(execution.statusCode, 503)
  const languages = await app.inject({ method: 'GET', url: '/languages' })
  t.equal(languages.statusCode, 503)

  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 503)
  t.match(ready.json().error.message, /postgres/)
  t.notMatch(ready.json().error.message, /redis/)
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})
