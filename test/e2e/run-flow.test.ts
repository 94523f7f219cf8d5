import t from 'tap'
import { sandboxContainersAfterRemoval } from '../helpers/docker.ts'
import { runProgram, startTestSystem, waitForTerminal } from '../helpers/system.ts'

t.test('create, autosave, run and poll: the whole flow on real parts', async (t) => {
  const { app } = await startTestSystem(t)
  const created = await app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'python' } })
  t.equal(created.statusCode, 201)
  const sessionId = created.json().session_id
  const patched = await app.inject({
    method: 'PATCH',
    url: `/code-sessions/${sessionId}`,
    payload: { source_code: 'name = input()\nprint(f"hello {name}")\n', stdin: 'ada\n' },
  })
  t.equal(patched.statusCode, 200)
  const run = await app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run` })
  t.equal(run.statusCode, 202)
  t.equal(run.json().status, 'QUEUED')

  // The run executes the source as it was when it was requested, whatever is saved afterwards.
  await app.inject({ method: 'PATCH', url: `/code-sessions/${sessionId}`, payload: { source_code: 'print("later")' } })

  const execution = await waitForTerminal(app, run.json().execution_id)
  t.match(execution, {
    execution_id: run.json().execution_id,
    session_id: sessionId,
    language: 'python',
    status: 'COMPLETED',
    stdout: 'hello ada\n',
    stderr: '',
    exit_code: 0,
    failure_reason: null,
    stdout_truncated: false,
    stderr_truncated: false,
  })
  t.ok(execution.duration_ms >= 0)
  const queued = Date.parse(execution.queued_at)
  const started = Date.parse(execution.started_at)
  const finished = Date.parse(execution.finished_at)
  t.ok(queued <= started && started <= finished, 'queued <= started <= finished')

  const session = await app.inject({ method: 'GET', url: `/code-sessions/${sessionId}` })
  t.equal(session.json().execution_count, 1)
  const list = await app.inject({ method: 'GET', url: `/code-sessions/${sessionId}/executions` })
  t.equal(list.json().executions[0].status, 'COMPLETED')
})

t.test('every language: hello, stdin, runtime error; C++ compile error', async (t) => {
  const { app, workerId } = await startTestSystem(t)
  const hello = {
    python: 'print("hello")',
    javascript: 'console.log("hello")',
    cpp: '#include <iostream>\nint main() { std::cout << "hello" << std::endl; }',
  }
  for (const [language, source] of Object.entries(hello)) {
    const execution = await runProgram(app, language, source)
    t.match(execution, { status: 'COMPLETED', stdout: 'hello\n', exit_code: 0 }, `${language} hello`)
  }

  const echo = await runProgram(
    app,
    'cpp',
    '#include <iostream>\n#include <string>\nint main() { std::string s; while (std::getline(std::cin, s)) std::cout << s.size() << "\\n"; }',
    'abc\nde\n',
  )
  t.match(echo, { status: 'COMPLETED', stdout: '3\n2\n' }, 'C++ reads stdin')

  const jsStdin = await runProgram(
    app,
    'javascript',
    'process.stdin.on("data", d => process.stdout.write(String(d).toUpperCase()))',
    'hi',
  )
  t.match(jsStdin, { status: 'COMPLETED', stdout: 'HI' }, 'JavaScript reads stdin to its end')

  const crash = await runProgram(app, 'python', 'import sys\nprint("before")\nsys.exit(3)')
  t.match(crash, { status: 'FAILED', failure_reason: 'runtime_error', exit_code: 3, stdout: 'before\n' })

  const thrown = await runProgram(app, 'javascript', 'throw new Error("boom")')
  t.match(thrown, { status: 'FAILED', failure_reason: 'runtime_error', exit_code: 1, stderr: /boom/ })

  const broken = await runProgram(app, 'cpp', 'int main() { return undefined_name; }')
  t.match(broken, { status: 'FAILED', failure_reason: 'compile_error', stderr: /undefined_name/ })
  t.equal(broken.stdout, '', 'the runner marker never reaches the user')
  t.same(await sandboxContainersAfterRemoval({ workerId: workerId }), [], 'no container of this worker is left behind')
})

t.test('limits through the whole chain: timeout and output cap', async (t) => {
  const { app, workerId } = await startTestSystem(t, { RUN_TIMEOUT_MS: '2000', OUTPUT_LIMIT_BYTES: '1000' })
  const loop = await runProgram(app, 'python', 'while True:\n    pass')
  t.match(loop, { status: 'TIMEOUT', failure_reason: null })
  t.ok(loop.duration_ms >= 2000, 'killed at the wall-clock limit')

  const flood = await runProgram(app, 'javascript', 'for (;;) process.stdout.write("x".repeat(100))')
  t.match(flood, { status: 'FAILED', failure_reason: 'output_limit', stdout_truncated: true })
  t.equal(flood.stdout, 'x'.repeat(1000))
  t.same(await sandboxContainersAfterRemoval({ workerId: workerId }), [], 'no container of this worker is left behind')
})

t.test('GET /languages reports the versions the worker found in its images', async (t) => {
  const { app } = await startTestSystem(t)
  const languages = (await app.inject({ method: 'GET', url: '/languages' })).json()
  const versions = Object.fromEntries(
    languages.map((l: { language: string; version: string }) => [l.language, l.version]),
  )
  t.match(versions, { python: /^Python 3\.13/, javascript: /^v20\./, cpp: /g\+\+.* 14\./ })
})
