// Interactive runs end to end: the program's stdin stays open, POST /executions/{id}/input answers it while it
// runs (through another API replica than the one that started it), the conversation is on the event stream
// (event: stdin), the input is kept with the execution, and input to a run that is not running is refused.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { startApp } from '../helpers/app.ts'
import { createSession } from '../helpers/sessions.ts'
import { subscribe } from '../helpers/sse-client.ts'
import { startTestSystem, waitForTerminal } from '../helpers/system.ts'

const ASKS = 'name = input("name? ")\nprint(f"hello {name}", flush=True)\nprint("bye", input())\n'

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('not listening')
  return `http://127.0.0.1:${address.port}`
}

async function startRun(app: FastifyInstance, source: string, body: object = { interactive: true }) {
  const session = await createSession(app, { language: 'python', source_code: source })
  const run = await app.inject({ method: 'POST', url: `/code-sessions/${session.session_id}/run`, payload: body })
  if (run.statusCode !== 202) throw new Error(`run failed: ${run.body}`)
  return run.json().execution_id as string
}

const send = (app: FastifyInstance, id: string, payload: object) =>
  app.inject({ method: 'POST', url: `/executions/${id}/input`, payload })

t.test('a program asks; the answer sent while it runs reaches it; the conversation is on the stream', async (t) => {
  const { app, config } = await startTestSystem(t)
  const other = await startApp(t, config)
  const base = await listen(app)
  const id = await startRun(app, ASKS)
  const stream = await subscribe(base, `/executions/${id}/events`)
  await stream.waitFor((e) => e.event === 'stdout' && String(e.data.data).includes('name?'), 60_000)
  const first = await send(other, id, { data: 'Ada\n' })
  t.equal(first.statusCode, 202, first.body)
  t.match(first.json(), { execution_id: id, input_bytes: 4, eof: false })
  await stream.waitFor((e) => e.event === 'stdout' && String(e.data.data).includes('hello Ada'), 30_000)
  const last = await send(other, id, { data: 'now', eof: true })
  t.match(last.json(), { input_bytes: 7, eof: true })
  await stream.ended
  const conversation = stream.events
    .filter((e) => ['stdout', 'stdin'].includes(e.event))
    .map((e) => `${e.event}:${e.data.data}`)
    .join('')
  t.match(conversation, /stdout:name\? .*stdin:Ada\n.*stdout:hello Ada\n.*stdin:now.*stdout:bye now\n/s, 'in order')
  const execution = await waitForTerminal(app, id)
  t.match(execution, {
    status: 'COMPLETED',
    stdout: 'name? hello Ada\nbye now\n',
    interactive: true,
    input: 'Ada\nnow',
    input_eof: true,
  })

  const after = await send(app, id, { data: 'late\n' })
  t.equal(after.statusCode, 409)
  t.match(
    after.json().error,
    { code: 'not_running', message: /COMPLETED.*none was kept/ },
    'input to an ended run: said so',
  )
})

t.test('refusals: a run that is not interactive, input after eof, past the limit, a NUL, a stranger', async (t) => {
  const { app } = await startTestSystem(t, { INPUT_LIMIT_BYTES: '10', API_KEYS_REQUIRED: 'false' })
  const plain = await startRun(app, 'import time\ntime.sleep(5)\n', {})
  const notInteractive = await send(app, plain, { data: 'x' })
  t.match(notInteractive.json().error, { code: 'not_interactive' })
  t.equal(notInteractive.statusCode, 409)

  const id = await startRun(app, 'import sys, time\ntime.sleep(30)\n')
  await waitForStatus(app, id, 'RUNNING')
  t.equal((await send(app, id, { data: '0123456789' })).statusCode, 202, 'up to the limit')
  const over = await send(app, id, { data: 'x' })
  t.equal(over.statusCode, 413)
  t.match(over.json().error.message, /limit of 10 bytes \(10 sent so far\)/)
  t.equal((await send(app, id, { data: 'a\u0000' })).statusCode, 400)
  t.equal((await send(app, id, { data: '', eof: true })).statusCode, 202)
  const closed = await send(app, id, { data: '' })
  t.match(closed.json().error, { code: 'input_closed' })
  t.equal((await send(app, id, { nope: 1 })).statusCode, 400, 'unknown fields')
  const missing = await send(app, '00000000-0000-4000-8000-000000000000', { data: 'x' })
  t.equal(missing.statusCode, 404)
  await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  await app.inject({ method: 'POST', url: `/executions/${plain}/cancel` })
  const queuedOrEnded = await send(app, id, { data: 'x' })
  t.equal(queuedOrEnded.statusCode, 409)
})

t.test('judged and interactive at once is refused', async (t) => {
  const { app } = await startTestSystem(t)
  const session = await createSession(app, { language: 'python', source_code: 'print(1)' })
  const both = await app.inject({
    method: 'POST',
    url: `/code-sessions/${session.session_id}/run`,
    payload: { interactive: true, test_cases: [{ stdin: '' }] },
  })
  t.equal(both.statusCode, 400)
  t.match(both.json().error.message, /judged .* or interactive, not both/)
})

async function waitForStatus(app: FastifyInstance, id: string, status: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const execution = (await app.inject({ method: 'GET', url: `/executions/${id}` })).json()
    if (execution.status === status) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`execution ${id} never ${status}`)
}
