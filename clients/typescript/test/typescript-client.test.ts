// The typed client (clients/typescript) against the real stack: API over HTTP, a worker, PostgreSQL, Redis, Docker.
import t from 'tap'
import { createLiveCodeClient, LiveCodeError, type RunEvent } from '../src/index.ts'
import { startListeningSystem } from './listening-system.ts'

t.test('sessions, a run, its wait, its events from the start and from an id', async (t) => {
  const { baseUrl } = await startListeningSystem(t)
  const client = createLiveCodeClient({ baseUrl })
  const session = await client.createSession({ language: 'python', source_code: 'print("draft")' })
  t.equal(session.language, 'python')
  const saved = await client.updateSession(session.session_id, {
    source_code:
      'import time\nfor i in range(3):\n    print("tick", i, flush=True)\n    time.sleep(0.2)\nprint(input())',
    stdin: 'bye\n',
  })
  t.match(saved.source_code, /tick/)
  t.equal((await client.getSession(session.session_id)).stdin, 'bye\n')

  const accepted = await client.run(session.session_id)
  t.equal(accepted.status, 'QUEUED')
  const events: RunEvent[] = []
  for await (const event of client.events(accepted.execution_id)) events.push(event)
  const done = events.at(-1)
  t.equal(done?.event, 'done', 'the stream ends with done')
  t.match(done?.data, { status: 'COMPLETED', stdout: 'tick 0\ntick 1\ntick 2\nbye\n' })
  const stdout = events.flatMap((event) => (event.event === 'stdout' ? [event.data.data] : [])).join('')
  t.equal(stdout, 'tick 0\ntick 1\ntick 2\nbye\n', 'stdout events carry the output in order')
  t.same(
    events.filter((event) => event.event === 'status').map((event) => event.data.status),
    ['QUEUED', 'RUNNING', 'COMPLETED'].slice(-events.filter((event) => event.event === 'status').length),
    'statuses in order',
  )

  const finished = await client.wait(accepted.execution_id)
  t.match(finished, { status: 'COMPLETED', exit_code: 0 })
  const third = events[2]
  const resumed: RunEvent[] = []
  for await (const event of client.events(accepted.execution_id, { lastEventId: third?.id ?? '' })) resumed.push(event)
  t.same(
    resumed.map((event) => event.event),
    ['status', 'done'],
    'an ended run, from an id: its status and done at once',
  )
  t.same(resumed[1]?.data, done?.data)
  const judged = await client.run(session.session_id, {
    test_cases: [{ stdin: 'bye\n' }, { stdin: 'ciao\n', expected_stdout: 'nope\n', hidden: true }],
  })
  const cases: string[] = []
  for await (const event of client.events(judged.execution_id)) {
    if (event.event === 'case') cases.push(`${event.data.index}:${event.data.verdict}`)
  }
  t.same(cases.sort(), ['0:accepted', '1:wrong_answer'], 'event: case, typed')
  const verdicts = await client.wait(judged.execution_id)
  t.same(verdicts.test_summary, { passed: 1, total: 2 }, 'test_cases pass through')
  t.same(
    verdicts.test_results?.map((result) => [result.verdict, result.hidden]),
    [
      ['accepted', false],
      ['wrong_answer', true],
    ],
  )
  const list = await client.listExecutions(session.session_id)
  t.same(
    list.executions.map((execution) => execution.execution_id),
    [judged.execution_id, accepted.execution_id],
  )
  const languages: string[] = (await client.languages()).map((language) => language.language)
  t.ok(
    ['python', 'javascript', 'cpp'].every((id) => languages.includes(id)),
    `languages: ${languages.join(', ')}`,
  )
})

t.test('an interactive run answered with input() while it runs', async (t) => {
  const { baseUrl } = await startListeningSystem(t)
  const client = createLiveCodeClient({ baseUrl })
  const session = await client.createSession({
    language: 'python',
    source_code: 'print("name?", flush=True)\nname = input()\nprint("hello", name)',
  })
  const { execution_id } = await client.run(session.session_id, { interactive: true })
  const events: RunEvent[] = []
  for await (const event of client.events(execution_id)) {
    events.push(event)
    if (event.event === 'stdout' && event.data.data.includes('name?')) {
      t.match(await client.input(execution_id, 'ada\n', { eof: true }), { input_bytes: 4, eof: true })
    }
  }
  t.match(events.at(-1), { event: 'done', data: { status: 'COMPLETED', stdout: 'name?\nhello ada\n' } })
  t.ok(
    events.some((event) => event.event === 'stdin' && event.data.data === 'ada\n'),
    'the input echoes as event: stdin',
  )
  const late = await client.input(execution_id, 'more').catch((error: LiveCodeError) => error)
  t.match(late, { status: 409, code: 'not_running' })
})

t.test('a dropped event stream is resumed with Last-Event-ID: nothing lost, nothing twice', async (t) => {
  const { baseUrl } = await startListeningSystem(t)
  const seenLastEventIds: (string | null)[] = []
  let connections = 0
  // The first connection breaks after its first chunk, as a proxy or a network would cut it.
  const cuttingFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const response = await fetch(request)
    if (!request.url.endsWith('/events')) return response
    seenLastEventIds.push(request.headers.get('last-event-id'))
    if (connections++ > 0 || !response.body) return response
    const reader = response.body.getReader()
    let chunks = 0
    const cut = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await reader.read()
        if (done || chunks++ >= 1) {
          await reader.cancel()
          controller.error(new TypeError('terminated: connection reset'))
          return
        }
        controller.enqueue(value)
      },
    })
    return new Response(cut, { status: response.status, headers: response.headers })
  }
  const client = createLiveCodeClient({ baseUrl, fetch: cuttingFetch })
  const session = await client.createSession({
    language: 'python',
    source_code: 'import time\nfor i in range(5):\n    print(i, flush=True)\n    time.sleep(0.3)',
  })
  const { execution_id } = await client.run(session.session_id)
  const events: RunEvent[] = []
  for await (const event of client.events(execution_id)) events.push(event)
  t.equal(connections, 2, 'one reconnection')
  t.equal(seenLastEventIds[0], null, 'the first connection from the start')
  const ids = events.map((event) => event.id)
  t.ok(ids.includes(seenLastEventIds[1] ?? undefined), 'the second from the id of an event already received')
  const statuses = events.flatMap((event) => (event.event === 'status' ? [event.data.status] : []))
  t.equal(new Set(statuses).size, statuses.length, `no status twice (${statuses.join(', ')})`)
  const stdout = events.flatMap((event) => (event.event === 'stdout' ? [event.data.data] : [])).join('')
  t.equal(stdout, '0\n1\n2\n3\n4\n', 'no output lost')
  t.equal(events.at(-1)?.event, 'done')
})

t.test('cancel, and errors typed by the API codes', async (t) => {
  const { baseUrl } = await startListeningSystem(t)
  const client = createLiveCodeClient({ baseUrl })
  const session = await client.createSession({ language: 'python', source_code: 'import time\ntime.sleep(60)' })
  const { execution_id } = await client.run(session.session_id)
  await client.wait(execution_id, { timeoutSeconds: 1 })
  const cancelled = await client.cancel(execution_id)
  const ended = cancelled.status === 'FAILED' ? cancelled : await client.wait(execution_id)
  t.match(ended, { status: 'FAILED', failure_reason: 'cancelled' })
  const again = await client.cancel(execution_id)
  t.equal(again.failure_reason, 'cancelled', 'cancelling a cancelled run answers the same')

  const missing = await client.getExecution('00000000-0000-4000-8000-000000000000').catch((error) => error)
  t.ok(missing instanceof LiveCodeError)
  t.match(missing, { status: 404, code: 'not_found' })
  const invalid = await client
    .createSession({ language: 'cobol' as 'python', source_code: '' })
    .catch((error: LiveCodeError) => error)
  t.match(invalid, { status: 400, code: 'validation_error', message: /language/ })
  const refused = await client
    .run(session.session_id, { callback_url: 'http://169.254.169.254/' })
    .catch((error: LiveCodeError) => error)
  t.match(refused, { status: 400, code: 'validation_error', message: /callback_url/ })
})

t.test('429 is retried after Retry-After when the caller allows it, and thrown when not', async (t) => {
  const { baseUrl } = await startListeningSystem(t, { CLIENT_ACTIVE_RUNS: '1' })
  let runRequests = 0
  const counting: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    if (request.url.endsWith('/run')) runRequests++
    return fetch(request)
  }
  const patient = createLiveCodeClient({ baseUrl, fetch: counting, retry: { retries: 3 } })
  const impatient = createLiveCodeClient({ baseUrl })
  const session = await patient.createSession({ language: 'python', source_code: 'import time\ntime.sleep(1.5)' })
  const first = await patient.run(session.session_id)
  const refused = await impatient.run(session.session_id).catch((error: LiveCodeError) => error)
  t.match(refused, { status: 429, code: 'too_many_active_runs', retryAfterSeconds: 5 })
  runRequests = 0
  const started = Date.now()
  const second = await patient.run(session.session_id)
  t.equal(second.status, 'QUEUED', 'accepted once the first run had ended')
  t.ok(runRequests >= 2, `retried (${runRequests} requests)`)
  t.ok(Date.now() - started >= 4500, 'after waiting Retry-After')
  t.not(second.execution_id, first.execution_id)
  t.match(await patient.wait(second.execution_id), { status: 'COMPLETED' })
})
