// Live runs end to end: a real worker, real sandboxes, the API listening on a socket (event streams).
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { startApp } from '../helpers/app.ts'
import { sandboxContainers, sandboxContainersAfterRemoval } from '../helpers/docker.ts'
import { streamedText, subscribe } from '../helpers/sse-client.ts'
import { startTestSystem } from '../helpers/system.ts'
import { waitFor } from '../helpers/wait.ts'

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('not listening')
  return `http://127.0.0.1:${address.port}`
}

async function requestRun(app: FastifyInstance, language: string, sourceCode: string): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language, source_code: sourceCode },
  })
  const run = await app.inject({ method: 'POST', url: `/code-sessions/${created.json().session_id}/run` })
  if (run.statusCode !== 202) throw new Error(`run failed: ${run.body}`)
  return run.json().execution_id
}

const TICKS = 'import time\nprint("tick 1", flush=True)\ntime.sleep(3)\nprint("tick 2", flush=True)\n'

t.test(
  'output arrives as the program writes it, through another replica than the one the run was requested on',
  async (t) => {
    const { app, config } = await startTestSystem(t)
    const other = await startApp(t, config)
    const base = await listen(app)
    const id = await requestRun(other, 'python', TICKS)
    const stream = await subscribe(base, `/executions/${id}/events`)
    const first = await stream.waitFor((e) => e.event === 'stdout', 60_000)
    await stream.ended
    const done = stream.events.at(-1)
    t.equal(done?.event, 'done')
    t.equal(done?.data.status, 'COMPLETED')
    t.equal(first.data.data, 'tick 1\n', 'the first line alone')
    t.ok(
      (done?.at ?? 0) - first.at >= 2000,
      `the first line came ${(done?.at ?? 0) - first.at} ms before the end (the program sleeps 3 s after it)`,
    )
    t.equal(streamedText(stream.events, 'stdout'), done?.data.stdout, 'the stream holds exactly the stored output')
    t.same(
      stream.events.filter((e) => e.event === 'status').map((e) => e.data.status),
      [stream.events[0]?.data.status, 'RUNNING', 'COMPLETED'].filter((s, i, all) => all.indexOf(s) === i),
    )

    const late = await subscribe(base, `/executions/${id}/events`)
    await late.ended
    t.same(
      late.events.map((e) => e.event),
      ['status', 'done'],
      'after the end: status and done at once',
    )
  },
)

t.test('the stream keeps to the output cap and never holds more than is stored', async (t) => {
  const { app } = await startTestSystem(t, { OUTPUT_LIMIT_BYTES: '1000' })
  const base = await listen(app)
  // The program waits before it writes: a subscriber that comes after the end gets only the status and done.
  const id = await requestRun(
    app,
    'python',
    'import sys, time\ntime.sleep(2)\nfor i in range(500):\n    sys.stdout.write("é%03d\\n" % i)\n',
  )
  const stream = await subscribe(base, `/executions/${id}/events`)
  await stream.ended
  const done = stream.events.at(-1)
  t.match(done?.data, { status: 'FAILED', failure_reason: 'output_limit', stdout_truncated: true })
  const streamed = streamedText(stream.events, 'stdout')
  t.equal(streamed, done?.data.stdout, 'equal to the stored stdout')
  t.ok(Buffer.byteLength(streamed) <= 1000, `within the cap (${Buffer.byteLength(streamed)} bytes)`)
})

t.test('a finished run reports its usage (cpu_time_ms, peak_memory_bytes)', async (t) => {
  const { app } = await startTestSystem(t)
  const id = await requestRun(app, 'python', 'import time\nwhile time.process_time() < 0.5:\n    pass\n')
  const execution = (await app.inject({ method: 'GET', url: `/executions/${id}?wait=30` })).json()
  t.equal(execution.status, 'COMPLETED')
  t.ok(execution.cpu_time_ms >= 450 && execution.cpu_time_ms < 5000, `cpu_time_ms ${execution.cpu_time_ms}`)
  t.ok(execution.peak_memory_bytes > 1024 * 1024, `peak_memory_bytes ${execution.peak_memory_bytes}`)
})

t.test('?wait= returns as soon as the run ends', async (t) => {
  const { app } = await startTestSystem(t)
  const id = await requestRun(app, 'python', 'print("quick")')
  const started = Date.now()
  const response = await app.inject({ method: 'GET', url: `/executions/${id}?wait=30` })
  t.equal(response.json().status, 'COMPLETED')
  t.ok(Date.now() - started < 25_000, `answered at the end (${Date.now() - started} ms), not after 30 s`)
})

t.test('cancel while running: killed at once, output so far kept, container gone; then 409 for others', async (t) => {
  const { app, workerId } = await startTestSystem(t)
  const base = await listen(app)
  const id = await requestRun(app, 'python', 'import time\nprint("started", flush=True)\ntime.sleep(60)\n')
  const stream = await subscribe(base, `/executions/${id}/events`)
  await stream.waitFor((e) => e.event === 'stdout', 60_000)
  const asked = Date.now()
  const cancelled = await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  const answeredIn = Date.now() - asked
  t.equal(cancelled.statusCode, 202)
  t.match(cancelled.json(), { status: 'FAILED', failure_reason: 'cancelled', stdout: 'started\n', exit_code: null })
  t.ok(answeredIn < 3000, `killed and written within ${answeredIn} ms`)
  // The outcome is written just before the container is removed (src/sandbox/sandbox-container.ts): a moment.
  const gone = await waitFor(
    'the container to be removed',
    () => sandboxContainers({ executionId: id }).length === 0 && Date.now(),
    5000,
    50,
  )
  t.ok(gone - asked < 5000, `its container is gone ${gone - asked} ms after the cancel was asked`)
  await stream.ended
  t.match(stream.events.at(-1), { event: 'done', data: { failure_reason: 'cancelled' } })
  t.same(await sandboxContainersAfterRemoval({ workerId }, 5000), [], 'nothing of this worker is left')

  const again = await app.inject({ method: 'POST', url: `/executions/${id}/cancel` })
  t.equal(again.statusCode, 202, 'cancelling again answers the same')
  const other = await requestRun(app, 'python', 'print(1)')
  await app.inject({ method: 'GET', url: `/executions/${other}?wait=30` })
  const late = await app.inject({ method: 'POST', url: `/executions/${other}/cancel` })
  t.equal(late.statusCode, 409)
  t.equal(late.json().error.code, 'already_finished')
})

t.test('cancel while queued: it never starts', async (t) => {
  const { app } = await startTestSystem(t, { WORKER_CONCURRENCY: '1' })
  const blocker = await requestRun(app, 'python', 'import time\nprint("busy", flush=True)\ntime.sleep(60)\n')
  const waiting = await requestRun(app, 'python', 'print("never")')
  const base = await listen(app)
  const stream = await subscribe(base, `/executions/${blocker}/events`)
  await stream.waitFor((e) => e.event === 'stdout', 60_000)
  const cancelled = await app.inject({ method: 'POST', url: `/executions/${waiting}/cancel` })
  t.match(cancelled.json(), { status: 'FAILED', failure_reason: 'cancelled', started_at: null, stdout: '' })
  await app.inject({ method: 'POST', url: `/executions/${blocker}/cancel` })
  // The slot is free again: had the cancelled run's job been taken, it would have started by now.
  const next = await requestRun(app, 'python', 'print("after")')
  const after = await app.inject({ method: 'GET', url: `/executions/${next}?wait=30` })
  t.equal(after.json().status, 'COMPLETED')
  const row = await app.inject({ method: 'GET', url: `/executions/${waiting}` })
  t.match(row.json(), {
    status: 'FAILED',
    failure_reason: 'cancelled',
    started_at: null,
    cpu_time_ms: null,
    peak_memory_bytes: null,
  })
  t.same(sandboxContainers({ executionId: waiting }), [])
})
