import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import type { CaseResult, SandboxOutcome, SandboxRequest, SandboxTestCase } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { oomEndings, underGvisor } from '../helpers/runtime.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const workerId = `test-judged-${randomUUID()}`
const settings = testSettings({ timeoutMs: 10_000, memoryBytes: 96 * 1024 * 1024 })

function judged(req: SandboxRequest, testCases: SandboxTestCase[], compare?: 'lines' | 'exact') {
  const seen: CaseResult[] = []
  const outcome = runInSandbox(
    docker,
    settings,
    { ...req, testCases, compare },
    { workerId, onCase: (r) => seen.push(r) },
  )
  return { outcome, seen }
}

const testCase = (stdin: string, expectedStdout: string | null = null, timeLimitMs = 2000): SandboxTestCase => ({
  stdin,
  expectedStdout,
  timeLimitMs,
})

function test(name: string, body: (t: Test) => Promise<void>): void {
  t.test(name, async (t) => {
    await body(t)
    t.strictSame(sandboxContainers({ workerId }), [], 'no sandbox container left behind')
  })
}

const SUM = 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n'

test('each case runs apart, with its own stdin, and gets a verdict', async (t) => {
  const { outcome, seen } = judged(request('python', SUM), [
    testCase('1 2', '3'),
    testCase('2 2', '5'),
    testCase('10 20\n', '30\n\n'),
    testCase('x y'),
  ])
  const result: SandboxOutcome = await outcome
  t.match(result, { status: 'COMPLETED', failureReason: null, exitCode: null, stdout: '', stderr: '' })
  const results = result.testResults ?? []
  t.strictSame(
    results.map((r) => r.verdict),
    ['accepted', 'wrong_answer', 'accepted', 'runtime_error'],
  )
  t.strictSame(
    results.map((r) => r.stdout),
    ['3\n', '4\n', '30\n', ''],
  )
  t.equal(results[3]?.exitCode, 1, "the failing case's exit code")
  t.match(results[3]?.stderr, /ValueError/, "the failing case's stderr, apart from the others'")
  t.equal(results[0]?.stderr, '')
  for (const r of results) {
    t.ok(r.durationMs !== null && r.durationMs >= 0, 'a duration')
    t.ok(r.peakMemoryBytes !== null && r.peakMemoryBytes > 1024 * 1024, 'a peak memory of the case')
  }
  t.strictSame(seen.map((r) => r.index).sort(), [0, 1, 2, 3], 'every verdict was told as it was decided')
})

test('exact comparison counts every byte; lines ignores trailing spaces', async (t) => {
  const program = request('python', 'print("a  ")\nprint()\n')
  const lines = await judged(program, [testCase('', 'a\n')]).outcome
  t.equal(lines.testResults?.[0]?.verdict, 'accepted')
  const exact = await judged(program, [testCase('', 'a\n'), testCase('', 'a  \n\n')], 'exact').outcome
  t.strictSame(
    exact.testResults?.map((r) => r.verdict),
    ['wrong_answer', 'accepted'],
  )
})

test('a case past its time limit is killed alone: the next case still runs', async (t) => {
  const program = request(
    'python',
    'import sys, time\nn = int(sys.stdin.read())\nif n == 0:\n    while True: pass\nprint(n)\n',
  )
  const started = Date.now()
  const { outcome } = judged(program, [testCase('0', null, 500), testCase('7', '7')])
  const result = await outcome
  t.match(result, { status: 'COMPLETED' })
  t.strictSame(
    result.testResults?.map((r) => r.verdict),
    ['time_limit', 'accepted'],
  )
  const first = result.testResults?.[0]
  t.ok(
    first?.durationMs && first.durationMs >= 500 && first.durationMs < 2000,
    `killed at its limit (${first?.durationMs} ms)`,
  )
  t.ok(Date.now() - started < 8000)
})

test('a case that leaves a process behind: it is killed before the next case starts', async (t) => {
  const program = request(
    'python',
    [
      'import os, sys, time',
      'n = sys.stdin.read().strip()',
      "if n == 'fork' and os.fork() == 0:",
      '    time.sleep(0.3)',
      "    print('late output', flush=True)",
      '    os._exit(0)',
      'print(n)',
    ].join('\n'),
  )
  const result = await judged(program, [testCase('fork', 'fork'), testCase('second', 'second')]).outcome
  t.strictSame(
    result.testResults?.map((r) => [r.verdict, r.stdout]),
    [
      ['accepted', 'fork\n'],
      ['accepted', 'second\n'],
    ],
  )
})

test('output past the cap ends the case output_limit, flagged; the run goes on', async (t) => {
  const program = request(
    'python',
    "import sys\nif sys.stdin.read() == 'flood':\n    print('x' * 100000)\nprint('ok')\n",
  )
  const result = await judged(program, [testCase('flood'), testCase('calm', 'ok')]).outcome
  const [flood, calm] = result.testResults ?? []
  t.match(flood, { verdict: 'output_limit', stdoutTruncated: true })
  t.equal(flood?.stdout.length, settings.limits.outputLimitBytes, 'the first bytes up to the cap are kept')
  t.match(calm, { verdict: 'accepted', stdout: 'ok\n' })
})

test('a case past the memory limit is memory_limit; under runc the run goes on', async (t) => {
  const program = request(
    'python',
    "import sys\nif sys.stdin.read() == 'big':\n    x = bytearray(200 * 1024 * 1024)\nprint('ok')\n",
  )
  const result = await judged(program, [testCase('big'), testCase('small', 'ok')]).outcome
  if (underGvisor()) {
    // gVisor's Sentry holds the whole sandbox's memory: the OOM killer takes it, and the run with it (its
    // notification now and then missed: then runtime_error, as a plain run's).
    const [status, reason] = [result.status, result.failureReason]
    t.ok(
      oomEndings().some(([s, r]) => s === status && r === reason),
      `${status}/${reason}`,
    )
    t.strictSame(
      result.testResults?.map((r) => r.verdict),
      [reason, 'skipped'],
    )
    return
  }
  t.strictSame(
    result.testResults?.map((r) => r.verdict),
    ['memory_limit', 'accepted'],
  )
  t.equal(result.status, 'COMPLETED')
})

test('C++ compiles once; a compile error ends the run with every case skipped', async (t) => {
  const good = await judged(
    request('cpp', '#include <iostream>\nint main(){long a,b;std::cin>>a>>b;std::cout<<a*b<<"\\n";}'),
    [testCase('6 7', '42'), testCase('3 3', '9')],
  ).outcome
  t.strictSame(
    good.testResults?.map((r) => r.verdict),
    ['accepted', 'accepted'],
  )
  const bad = await judged(request('cpp', 'int main( {'), [testCase('1', '1'), testCase('2', '2')]).outcome
  t.match(bad, { status: 'FAILED', failureReason: 'compile_error', stderr: /error/ })
  t.strictSame(
    bad.testResults?.map((r) => r.verdict),
    ['skipped', 'skipped'],
  )
})

test("the run's wall clock bounds every case: the one it cuts is time_limit, the rest skipped", async (t) => {
  const short = { ...settings, limits: { ...settings.limits, timeoutMs: 1500 } }
  const program = request('python', 'import time\ntime.sleep(0.6)\nprint("done")\n')
  const cases = [testCase('', 'done'), testCase('', 'done'), testCase('', 'done'), testCase('', 'done')]
  const result = await runInSandbox(docker, short, { ...program, testCases: cases }, { workerId })
  t.equal(result.status, 'TIMEOUT')
  const verdicts = result.testResults?.map((r) => r.verdict) ?? []
  t.equal(verdicts[0], 'accepted')
  t.ok(verdicts.includes('time_limit'), `one case cut at the wall clock: ${verdicts}`)
  t.equal(verdicts.at(-1), 'skipped')
})
