import { readFileSync } from 'node:fs'
import t from 'tap'
import { saveLanguageVersion } from '../../src/db/language-versions-repository.ts'
import { createTestApp } from './app-helper.ts'

t.test('/health is liveness and /ready checks PostgreSQL and Redis', async (t) => {
  const { app } = await createTestApp(t)
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200)
  t.same(health.json(), { status: 'ok' })
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } })
})

const LANGUAGE_IDS = ['c', 'cpp', 'go', 'java', 'javascript', 'python', 'ruby', 'rust', 'typescript']

t.test('/languages lists every language of images/, with the version the workers reported', async (t) => {
  const { app, database } = await createTestApp(t)
  const before = await app.inject({ method: 'GET', url: '/languages' })
  t.equal(before.statusCode, 200)
  t.same(
    before.json().map((l: { language: string }) => l.language),
    LANGUAGE_IDS,
  )
  t.same(
    before.json().find((l: { language: string }) => l.language === 'go'),
    {
      language: 'go',
      name: 'Go',
      source_file: 'main.go',
      example: readFileSync(new URL('../../images/go/example.go', import.meta.url), 'utf8'),
      editor: 'go',
      version: null,
    },
  )
  t.match(
    before.json().find((l: { language: string }) => l.language === 'java'),
    { source_file: 'Main.java' },
  )
  await saveLanguageVersion(database.db, 'python', 'Python 3.13.5')
  await saveLanguageVersion(database.db, 'go', 'go version go1.24.4 linux/amd64')
  const after = await app.inject({ method: 'GET', url: '/languages' })
  t.same(
    after.json().map((l: { language: string; version: string }) => [l.language, l.version]),
    LANGUAGE_IDS.map((id) => [
      id,
      { python: 'Python 3.13.5', go: 'go version go1.24.4 linux/amd64' }[id as 'python' | 'go'] ?? null,
    ]),
  )
})

t.test('GET /openapi.json documents every route from the same schemas', async (t) => {
  const { app } = await createTestApp(t)
  const response = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(response.statusCode, 200)
  const doc = response.json()
  t.match(doc.openapi, /^3\./)
  const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  )
  t.same(routes.sort(), [
    'GET /code-sessions/{session_id}',
    'GET /code-sessions/{session_id}/executions',
    'GET /executions/{execution_id}',
    'GET /executions/{execution_id}/deliveries',
    'GET /executions/{execution_id}/events',
    'GET /health',
    'GET /languages',
    'GET /ready',
    'PATCH /code-sessions/{session_id}',
    'POST /code-sessions',
    'POST /code-sessions/{session_id}/run',
    'POST /executions/{execution_id}/cancel',
    'POST /executions/{execution_id}/input',
  ])
  const tagsOf = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(
    ([path, methods]) => Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path}: ${op.tags}`),
  )
  t.same(
    tagsOf.sort(),
    [
      'GET /code-sessions/{session_id}/executions: executions',
      'GET /code-sessions/{session_id}: sessions',
      'GET /executions/{execution_id}/deliveries: executions',
      'GET /executions/{execution_id}/events: executions',
      'GET /executions/{execution_id}: executions',
      'GET /health: health',
      'GET /languages: languages',
      'GET /ready: health',
      'PATCH /code-sessions/{session_id}: sessions',
      'POST /code-sessions/{session_id}/run: executions',
      'POST /code-sessions: sessions',
      'POST /executions/{execution_id}/cancel: executions',
      'POST /executions/{execution_id}/input: executions',
    ],
    'each route under its own tag, and only that one',
  )
  const create = doc.paths['/code-sessions'].post
  t.same(create.requestBody.content['application/json'].schema.properties.language.enum, LANGUAGE_IDS)
  t.ok(create.responses['201'], 'the 201 response')
  t.ok(create.responses['413'], 'the 413 response')
  const runRoute = doc.paths['/code-sessions/{session_id}/run'].post
  t.same(Object.keys(runRoute.responses).sort(), ['202', '400', '401', '404', '409', '413', '429', '500', '503'])
  const runBody = runRoute.requestBody.content['application/json'].schema
  t.same(
    Object.keys(runBody.properties).sort(),
    ['callback_url', 'compare', 'interactive', 'test_cases'],
    'the run body, from its one schema',
  )
  t.match(runBody.properties.callback_url, { type: 'string', maxLength: 2048 })
  t.equal(runBody.properties.test_cases.maxItems, 64)
  t.match(runRoute.responses['429'].content['application/json'].schema.properties.error.properties.code.enum, [
    'validation_error',
  ])
  t.ok(
    runRoute.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key'),
    'the Idempotency-Key header',
  )
  const events = doc.paths['/executions/{execution_id}/events'].get
  t.ok(events.responses['200'].content['text/event-stream'], 'the event stream is text/event-stream')
  t.match(events.parameters, [
    { in: 'path', name: 'execution_id' },
    { in: 'header', name: 'last-event-id' },
  ])
  t.match(doc.paths['/executions/{execution_id}'].get.parameters, [
    { in: 'query', name: 'wait', schema: { minimum: 0, maximum: 30 } },
  ])
  const cancel = doc.paths['/executions/{execution_id}/cancel'].post
  t.same(Object.keys(cancel.responses).sort(), ['202', '400', '401', '404', '409', '500', '503'])
  t.match(doc.paths['/executions/{execution_id}'].get.responses['200'].content['application/json'].schema.properties, {
    cpu_time_ms: {},
    peak_memory_bytes: {},
  })
  t.match(doc.paths['/code-sessions/{session_id}'].get.parameters, [
    { in: 'path', name: 'session_id', schema: { format: 'uuid' } },
  ])
})
