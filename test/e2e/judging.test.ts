// Judged runs end to end: POST …/run with test cases, a real worker and sandboxes, verdicts in the execution,
// hidden cases kept hidden, live `case` events, the run list's summary, and the request's limits.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createSession } from '../helpers/sessions.ts'
import { streamedText, subscribe } from '../helpers/sse-client.ts'
import { startTestSystem, waitForTerminal } from '../helpers/system.ts'

const SUM = 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n'

async function judge(app: FastifyInstance, source: string, body: object, language = 'python') {
  const session = await createSession(app, { language, source_code: source })
  const run = await app.inject({ method: 'POST', url: `/code-sessions/${session.session_id}/run`, payload: body })
  return { session, run }
}

t.test('a judged run: a verdict per case, hidden cases show their verdict only, the summary counts', async (t) => {
  const { app } = await startTestSystem(t)
  const { session, run } = await judge(app, SUM, {
    test_cases: [
      { stdin: '1 2', expected_stdout: '3' },
      { stdin: '2 2', expected_stdout: '5' },
      { stdin: '40 2', expected_stdout: '42', hidden: true },
      { stdin: 'oops', expected_stdout: '0', hidden: true },
      { stdin: '5 5' },
    ],
  })
  t.equal(run.statusCode, 202, run.body)
  const execution = await waitForTerminal(app, run.json().execution_id)
  t.match(execution, {
    status: 'COMPLETED',
    failure_reason: null,
    compare: 'lines',
    test_summary: { passed: 3, total: 5 },
  })
  const results = execution.test_results as Record<string, unknown>[]
  t.strictSame(
    results.map((r) => r.verdict),
    ['accepted', 'wrong_answer', 'accepted', 'runtime_error', 'accepted'],
  )
  t.match(results[1], { index: 1, hidden: false, stdin: '2 2', expected_stdout: '5', stdout: '4\n', exit_code: 0 })
  t.strictSame(results[2], { index: 2, hidden: true, verdict: 'accepted' }, 'a hidden case: its verdict alone')
  t.strictSame(results[3], { index: 3, hidden: true, verdict: 'runtime_error' })
  t.notOk(JSON.stringify(execution).includes('40 2'), "a hidden case's stdin appears nowhere")
  t.ok((results[0]?.duration_ms as number) >= 0)

  const list = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}/executions` })
  t.match(list.json().executions[0], { compare: 'lines', test_summary: { passed: 3, total: 5 } })
  t.notOk('test_results' in list.json().executions[0], 'summaries leave the cases out')

  const plain = await app.inject({ method: 'POST', url: `/code-sessions/${session.session_id}/run` })
  t.equal(plain.statusCode, 202, plain.body)
  const unjudged = await waitForTerminal(app, plain.json().execution_id)
  t.match(unjudged, { compare: null, test_results: null, test_summary: null }, 'a run without a body is what it was')
})

t.test('a compile error ends the run compile_error and no case runs', async (t) => {
  const { app } = await startTestSystem(t)
  const { run } = await judge(app, 'int main( {', { test_cases: [{ stdin: '', expected_stdout: '' }] }, 'cpp')
  const execution = await waitForTerminal(app, run.json().execution_id)
  t.match(execution, {
    status: 'FAILED',
    failure_reason: 'compile_error',
    stderr: /error/,
    test_summary: { passed: 0, total: 1 },
  })
  t.equal(execution.test_results[0].verdict, 'skipped')
})

t.test('live: each case verdict arrives as `event: case` before done', async (t) => {
  const { app } = await startTestSystem(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('not listening')
  const source = 'import sys, time\ntime.sleep(0.3)\nprint(sys.stdin.read())\n'
  const { run } = await judge(app, source, {
    test_cases: [
      { stdin: 'a', expected_stdout: 'a' },
      { stdin: 'b', expected_stdout: 'x', hidden: true },
    ],
    compare: 'exact',
  })
  const stream = await subscribe(`http://127.0.0.1:${address.port}`, `/executions/${run.json().execution_id}/events`)
  await stream.ended
  const cases = stream.events.filter((e) => e.event === 'case').map((e) => e.data)
  t.strictSame(
    cases.map((c) => [c.index, c.verdict]),
    [
      [0, 'wrong_answer'],
      [1, 'wrong_answer'],
    ],
    'exact: "a\\n\\n" is not "a"',
  )
  t.strictSame(cases[1], { index: 1, hidden: true, verdict: 'wrong_answer' }, 'hidden on the live stream too')
  t.equal(stream.events.at(-1)?.event, 'done')
  t.equal(streamedText(stream.events, 'stdout'), '', "the cases' output is theirs, not the run's")
})

t.test('bad judged requests: a clear 4xx, nothing queued, nothing spent', async (t) => {
  const { app, config } = await startTestSystem(t)
  const session = await createSession(app, { language: 'python', source_code: SUM })
  const post = (payload: unknown) =>
    app.inject({ method: 'POST', url: `/code-sessions/${session.session_id}/run`, payload: payload as object })
  const tooMany = await post({ test_cases: Array.from({ length: config.TEST_CASES_MAX + 1 }, () => ({ stdin: '' })) })
  t.equal(tooMany.statusCode, 400)
  t.equal(tooMany.json().error.code, 'validation_error')
  t.equal((await post({ test_cases: [] })).statusCode, 400, 'at least one case')
  t.equal((await post({ test_cases: [{ stdin: '', time_limit_ms: 30_001 }] })).statusCode, 400, 'at most 30 s a case')
  t.equal((await post({ test_cases: [{ stdin: '', colour: 'red' }] })).statusCode, 400, 'unknown fields')
  t.equal((await post({ compare: 'exact' })).statusCode, 400, 'compare without cases')
  const nul = await post({ test_cases: [{ stdin: 'a\u0000b' }] })
  t.match(nul.json().error, { code: 'validation_error', message: /test_cases\[0\]\.stdin contains a NUL/ })
  const big = await post({ test_cases: [{ stdin: '' }, { stdin: 'x', expected_stdout: 'y'.repeat(64 * 1024 + 1) }] })
  t.equal(big.statusCode, 413)
  t.match(big.json().error, {
    code: 'payload_too_large',
    message: /test_cases\[1\]\.expected_stdout is larger than 65536/,
  })
  const cases = Array.from({ length: 40 }, () => ({ stdin: 'z'.repeat(60_000) }))
  const whole = await post({ test_cases: cases })
  t.equal(whole.statusCode, 413)
  t.match(whole.json().error.message, /its limit is 2097152 bytes/, 'the whole request past 2 MiB: the limit named')
  const after = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
  t.equal(after.json().execution_count, 0, 'nothing was queued or spent')
})
