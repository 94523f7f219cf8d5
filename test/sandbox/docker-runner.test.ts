import { randomUUID } from 'node:crypto'
import Docker from 'dockerode'
import t, { type Test } from 'tap'
import { BackgroundRemovals } from '../../src/sandbox/background-removals.ts'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { type SandboxOutcome, SandboxPlatformError, type SandboxRequest } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { killMarginMs, oomEndings, oomExitCodes } from '../helpers/runtime.ts'
import { dockerClient, fixture, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const workerId = `test-runner-${randomUUID()}`
const settings = testSettings()
const run = (req: SandboxRequest, s = settings): Promise<SandboxOutcome> => runInSandbox(docker, s, req, { workerId })

/** Every test ends by checking, through the CLI, that its containers are gone. */
function test(name: string, body: (t: Test) => Promise<void>): void {
  t.test(name, async (t) => {
    await body(t)
    t.strictSame(sandboxContainers({ workerId: workerId }), [], 'no sandbox container left behind')
  })
}

test('hello world in every language', async (t) => {
  const programs = [
    request('python', 'print("hello from python")'),
    request('javascript', 'console.log("hello from javascript")'),
    request('cpp', fixture('cpp', 'hello.cpp')),
  ]
  const expected = ['hello from python\n', 'hello from javascript\n', 'hello from cpp\n']
  for (const [index, program] of programs.entries()) {
    const outcome = await run(program)
    t.match(outcome, {
      status: 'COMPLETED',
      failureReason: null,
      exitCode: 0,
      stdout: expected[index],
      stderr: '',
      stdoutTruncated: false,
      stderrTruncated: false,
    })
    t.ok(outcome.durationMs > 0 && outcome.durationMs < settings.limits.timeoutMs, program.language)
  }
})

test('stdin reaches the program and ends with EOF', async (t) => {
  const python = await run(request('python', fixture('python', 'stdin_echo.py'), 'line one\nsecond\nthird\n'))
  t.match(python, { status: 'COMPLETED', stdout: 'first=line one\nrest=13\nsecond\nthird\n' })
  const javascript = await run(request('javascript', fixture('javascript', 'stdin_echo.js'), 'héllo'))
  t.match(javascript, { status: 'COMPLETED', stdout: 'got 5: héllo' })
  const cpp = await run(request('cpp', fixture('cpp', 'stdin_echo.cpp'), 'a\nb'))
  t.match(cpp, { status: 'COMPLETED', stdout: 'a\nb\nlines=2\n' })
  const empty = await run(request('python', 'import sys\nprint(repr(sys.stdin.read()))'))
  t.match(empty, { status: 'COMPLETED', stdout: "''\n" })
  const big = 'x'.repeat(64 * 1024)
  const large = await run(request('python', 'import sys\nprint(len(sys.stdin.read()))', big))
  t.match(large, { status: 'COMPLETED', stdout: '65536\n' })
})

test('a program that ignores its stdin still completes', async (t) => {
  const outcome = await run(request('python', 'print("ignored")', 'y\n'.repeat(40_000)))
  t.match(outcome, { status: 'COMPLETED', stdout: 'ignored\n' })
})

test('runtime errors keep the exit code and the error text', async (t) => {
  const python = await run(request('python', fixture('python', 'runtime_error.py')))
  t.match(python, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 1, stdout: 'before\n' })
  t.match(python.stderr, /Traceback \(most recent call last\)[\s\S]*ZeroDivisionError: division by zero/)
  const javascript = await run(request('javascript', fixture('javascript', 'runtime_error.js')))
  t.match(javascript, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 1, stdout: 'before\n' })
  t.match(javascript.stderr, /Error: boom/)
  const cpp = await run(request('cpp', fixture('cpp', 'runtime_error.cpp')))
  t.match(cpp, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 3, stderr: 'about to fail\n' })
  const exit = await run(request('python', 'import sys\nsys.exit(42)'))
  t.match(exit, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 42 })
})

test('a program killed by a signal reports 128 + the signal', async (t) => {
  const outcome = await run(request('cpp', fixture('cpp', 'segfault.cpp')))
  t.match(outcome, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 139, stdout: 'before\n' })
})

test('a C++ compile error is a compile_error with the compiler text', async (t) => {
  const outcome = await run(request('cpp', fixture('cpp', 'compile_error.cpp')))
  t.match(outcome, { status: 'FAILED', failureReason: 'compile_error', exitCode: 1, stdout: '' })
  t.match(outcome.stderr, /main\.cpp:4:\d+: error: [‘']undeclared_name[’'] was not declared/)
})

test('a program cannot forge the compile marker', async (t) => {
  const outcome = await run(request('python', fixture('python', 'forge_marker.py')))
  t.match(outcome, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 1, stdout: 'C' })
})

test('a busy loop is killed at the wall-clock limit', async (t) => {
  const outcome = await run(request('python', 'while True:\n    pass'))
  t.match(outcome, { status: 'TIMEOUT', failureReason: null, exitCode: null })
  t.ok(outcome.durationMs >= settings.limits.timeoutMs, `durationMs ${outcome.durationMs}`)
  t.ok(outcome.durationMs < settings.limits.timeoutMs + killMarginMs(), `durationMs ${outcome.durationMs}`)
})

test('a sleeping program and a stuck compile time out too', async (t) => {
  const sleeping = await run(request('javascript', 'setTimeout(() => {}, 60_000)'))
  t.match(sleeping, { status: 'TIMEOUT' })
  const waiting = await run(request('cpp', '#include <unistd.h>\nint main() { pause(); }'))
  t.match(waiting, { status: 'TIMEOUT' })
})

test('an stdout flood is cut at the cap and killed', async (t) => {
  const outcome = await run(request('python', fixture('python', 'flood_stdout.py')))
  t.match(outcome, {
    status: 'FAILED',
    failureReason: 'output_limit',
    exitCode: null,
    stdout: 'x'.repeat(4096),
    stdoutTruncated: true,
    stderrTruncated: false,
  })
  t.equal(outcome.stdout.length, settings.limits.outputLimitBytes)
  t.ok(outcome.durationMs < settings.limits.timeoutMs, 'killed before the wall-clock limit')
})

test('an stderr flood is cut at the cap and killed', async (t) => {
  const outcome = await run(request('python', fixture('python', 'flood_stderr.py')))
  t.match(outcome, {
    status: 'FAILED',
    failureReason: 'output_limit',
    stdout: 'fine\n',
    stderr: 'e'.repeat(4096),
    stdoutTruncated: false,
    stderrTruncated: true,
  })
})

test('output of exactly the cap is complete, not truncated', async (t) => {
  const outcome = await run(request('python', 'import sys\nsys.stdout.write("y" * 4096)'))
  t.match(outcome, { status: 'COMPLETED', stdout: 'y'.repeat(4096), stdoutTruncated: false })
})

test('allocating past the memory cap is a memory_limit failure', async (t) => {
  const outcome = await run(request('python', fixture('python', 'oom.py')))
  t.match(outcome, { status: 'FAILED', stdout: '' })
  t.ok(
    oomEndings().some(([, reason]) => reason === outcome.failureReason),
    `${outcome.failureReason}, exit ${outcome.exitCode} (gVisor: the OOM notification may be missed)`,
  )
  t.ok(oomExitCodes().includes(outcome.exitCode ?? -1), `ended with exit ${outcome.exitCode}`)
})

test('there is no network, not even loopback to the host', async (t) => {
  const outcome = await run(request('python', fixture('python', 'network.py')))
  t.equal(outcome.status, 'COMPLETED', outcome.stderr)
  t.match(outcome.stdout, /^198\.51\.100\.1:53 failed: \w+/m)
  t.match(outcome.stdout, /^127\.0\.0\.1:80 failed: ConnectionRefusedError/m)
  // EAI_AGAIN: no resolver reachable (a reachable one would answer that `.invalid` does not exist).
  t.match(outcome.stdout, /^example\.invalid:80 failed: gaierror: Temporary failure in name resolution$/m)
  t.notMatch(outcome.stdout, /connected/)
  t.match(outcome.stdout, /^interfaces: \['lo'\]$/m)
})

test('NUL bytes and invalid UTF-8 are stored as U+FFFD', async (t) => {
  const outcome = await run(request('python', fixture('python', 'binary_output.py')))
  t.match(outcome, { status: 'COMPLETED', stdout: 'a\uFFFDb\uFFFD\uFFFDc€\n', stderr: '\uFFFDerr\uFFFD\n' })
})

test('the filesystem is read-only outside /tmp and the user is unprivileged', async (t) => {
  const outcome = await run(request('python', fixture('python', 'write_outside_tmp.py')))
  t.equal(outcome.status, 'COMPLETED', outcome.stderr)
  t.match(outcome.stdout, /^\/etc\/livecode (Read-only file system|Permission denied)$/m)
  t.match(outcome.stdout, /^\/usr\/local\/bin\/evil (Read-only file system|Permission denied)$/m)
  t.match(outcome.stdout, /^\/livecode (Read-only file system|Permission denied)$/m)
  t.match(outcome.stdout, /^\/var\/tmp\/x (Read-only file system|Permission denied)$/m)
  t.match(outcome.stdout, /^\/tmp\/ok written$/m)
  t.match(outcome.stdout, /^uid (1[3-6]\d{8}) \1 \[\1\]$/m, 'a sandbox uid of its own, the same gid, no other group')
  t.match(outcome.stdout, /^CapEff:\s+0000000000000000$/m)
  t.match(outcome.stdout, /^no_new_privs 1$/m)
  const write = await run(request('python', 'open("/usr/lib/x", "w")'))
  t.match(write, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 1 })
  t.match(write.stderr, /OSError: \[Errno 30\] Read-only file system|PermissionError/)
})

test('the process limit stops a thread bomb', async (t) => {
  const outcome = await run(request('python', fixture('python', 'fork_bomb.py')))
  t.equal(outcome.status, 'COMPLETED', outcome.stderr)
  t.match(outcome.stdout, /^stopped after \d+ threads: can't start new thread/)
  const started = Number(/after (\d+)/.exec(outcome.stdout)?.[1])
  t.ok(started < settings.limits.pidsLimit, `${started} threads`)
})

test('a missing image is a platform error that says how to build it', async (t) => {
  const missing = { ...settings, imagePrefix: `livecode-missing-${randomUUID().slice(0, 8)}` }
  await t.rejects(run(request('python', 'print(1)'), missing), {
    name: 'SandboxPlatformError',
    message: /is missing: build it with `make images`/,
  })
})

test('an unknown runtime is a platform error and leaves nothing behind', async (t) => {
  const error = await run(request('python', 'print(1)'), { ...settings, runtime: 'no-such-runtime' }).catch((e) => e)
  t.type(error, SandboxPlatformError)
})

test('a cancel kills the run: FAILED/cancelled, the output so far kept', async (t) => {
  const cancel = new AbortController()
  const program = 'import time\nprint("started", flush=True)\nwhile True:\n    time.sleep(0.01)'
  const started = performance.now()
  const pending = runInSandbox(docker, settings, request('python', program), { workerId, cancel: cancel.signal })
  setTimeout(() => cancel.abort(), 1500)
  t.match(await pending, { status: 'FAILED', failureReason: 'cancelled', exitCode: null, stdout: 'started\n' })
  t.ok(performance.now() - started < settings.limits.timeoutMs, 'before the wall-clock limit')
})

test('a run cancelled before it starts never starts', async (t) => {
  const outcome = await runInSandbox(docker, settings, request('python', 'print(1)'), {
    workerId,
    cancel: AbortSignal.abort(),
  })
  t.match(outcome, { status: 'FAILED', failureReason: 'cancelled', stdout: '', durationMs: 0 })
})

test('an unreachable engine is a platform error', async (t) => {
  const down = new Docker({ socketPath: `/tmp/livecode-no-docker-${randomUUID()}.sock` })
  const error = await runInSandbox(down, settings, request('python', 'print(1)')).catch((e) => e)
  t.type(error, SandboxPlatformError)
  t.match(error.message, /docker: create container: .*ENOENT/)
})

test('with background removals, the run returns recorded and its container is removed after', async (t) => {
  const removals = new BackgroundRemovals()
  let recordedWhileThere = false
  const outcome = await runInSandbox(docker, settings, request('python', 'print("quick")'), {
    workerId,
    removals,
    record: async () => {
      recordedWhileThere = sandboxContainers({ workerId }).length === 1
    },
  })
  t.match(outcome, { status: 'COMPLETED', stdout: 'quick\n' })
  t.ok(recordedWhileThere, 'recorded while the container still existed')
  t.equal(removals.size, 1, 'its removal still under way when the run returned')
  await removals.drain()
  t.equal(removals.size, 0)
})
