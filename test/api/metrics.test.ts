// The API's /metrics: request durations by route template and status, refusals by error code (wherever in the API
// they were decided), and the depth of the queue, in Prometheus' text format.
import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import { startApp } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { sampleValue } from '../helpers/metrics.ts'
import { uniqueQueueName } from '../helpers/redis.ts'

const { url } = await createTestDatabase(t)
// No worker: runs stay waiting. One waiting run fills the queue; one run a minute per session.
const config = loadConfig({
  ...process.env,
  DATABASE_URL: url,
  QUEUE_NAME: uniqueQueueName('metrics'),
  MAX_WAITING_RUNS: '1',
  RUNS_PER_MINUTE: '1',
})
const app = await startApp(t, config)

async function scrape(): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  return response.body
}

async function newSession(): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'python' } })
  return response.json().session_id
}

t.test('request durations are counted by route template and status, never by raw URL', async (t) => {
  const session = await newSession()
  await app.inject({ method: 'GET', url: `/code-sessions/${session}` })
  await app.inject({ method: 'GET', url: `/code-sessions/${session}` })
  await app.inject({ method: 'GET', url: '/code-sessions/00000000-0000-4000-8000-000000000000' })
  await app.inject({ method: 'GET', url: `/no/such/route/${session}` })
  const text = await scrape()
  const count = (route: string, status: string, method = 'GET') =>
    sampleValue(text, 'livecode_http_request_duration_seconds_count', { method, route, status_code: status })
  t.equal(count('/code-sessions', '201', 'POST'), 1)
  t.equal(count('/code-sessions/:session_id', '200'), 2)
  t.equal(count('/code-sessions/:session_id', '404'), 1)
  t.equal(count('(unmatched)', '404'), 1, 'an unknown URL is one label value')
  t.notMatch(text, session, 'no id ever becomes a label')
})

t.test('a 429 and a 503 are counted by their code; the queue depth says what waits', async (t) => {
  const first = await newSession()
  t.equal((await app.inject({ method: 'POST', url: `/code-sessions/${first}/run` })).statusCode, 202)
  const limited = await app.inject({ method: 'POST', url: `/code-sessions/${first}/run` })
  t.equal(limited.json().error.code, 'rate_limited')
  const overloaded = await app.inject({ method: 'POST', url: `/code-sessions/${await newSession()}/run` })
  t.equal(overloaded.json().error.code, 'overloaded')

  const text = await scrape()
  t.equal(sampleValue(text, 'livecode_http_rejections_total', { code: 'rate_limited' }), 1)
  t.equal(sampleValue(text, 'livecode_http_rejections_total', { code: 'overloaded' }), 1)
  t.equal(sampleValue(text, 'livecode_http_rejections_total', { code: 'not_found' }), undefined, '404s are no refusal')
  t.equal(sampleValue(text, 'livecode_queue_depth', { state: 'waiting' }), 1)
  t.equal(sampleValue(text, 'livecode_queue_depth', { state: 'active' }), 0)
})

t.test('/metrics is not part of the OpenAPI document', async (t) => {
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  t.notOk(Object.keys(document.paths).includes('/metrics'))
})
