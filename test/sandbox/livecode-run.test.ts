import { spawn } from 'node:child_process'
import t from 'tap'
import { stdinPayload } from '../../src/sandbox/docker-runner.ts'
import { SANDBOX_LABEL } from '../../src/sandbox/labels.ts'

const NONCE = '0123456789abcdef0123456789abcdef'
const END_LINE = `\x1e${NONCE} `

interface RunnerResult {
  status: number | null
  /** stdout up to the report (marker included). */
  stdout: string
  /** The report's fields: cpu ns, peak bytes, OOM kills, exit status; null without one. */
  report: string[] | null
  /** stderr without its end line. */
  stderr: string
  stderrEnded: boolean
}

interface RunnerOptions {
  /** When to close stdin (the worker going away); it stays open, as the worker keeps it, by default. */
  closeStdinAfterMs?: number
  /** When to write the input (a warm container's wait); at once by default. */
  writeAfterMs?: number
  /** Docker's own init as pid 1 (the runner refuses to run under it). */
  dockerInit?: boolean
}

/** Runs images/runner/livecode-run.c as the container's init with raw stdin, through the CLI: the protocol itself. */
function runner(image: string, args: string[], input: Buffer, options: RunnerOptions = {}): Promise<RunnerResult> {
  const child = spawn('docker', [
    'run',
    '--rm',
    '-i',
    ...(options.dockerInit ? ['--init'] : []),
    '--network',
    'none',
    '--read-only',
    '--tmpfs',
    '/tmp:rw,exec,size=8m',
    '--label',
    `${SANDBOX_LABEL}=true`,
    `${process.env.IMAGE_PREFIX || 'livecode'}/${image}`,
    '/usr/local/bin/livecode-run',
    ...args,
  ])
  child.stdin.on('error', () => {})
  const writer = setTimeout(() => child.stdin.write(input), options.writeAfterMs ?? 0)
  let closer: NodeJS.Timeout | undefined
  if (options.closeStdinAfterMs !== undefined) closer = setTimeout(() => child.stdin.end(), options.closeStdinAfterMs)
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(closer)
      clearTimeout(writer)
      const out = Buffer.concat(stdout).toString('latin1')
      const err = Buffer.concat(stderr).toString('utf8')
      const reportAt = out.indexOf(END_LINE)
      const endAt = err.indexOf(END_LINE)
      resolve({
        status,
        stdout: reportAt === -1 ? out : out.slice(0, reportAt),
        report:
          reportAt === -1
            ? null
            : out
                .slice(reportAt + END_LINE.length)
                .trimEnd()
                .split(' '),
        stderr: endAt === -1 ? err : err.slice(0, endAt),
        stderrEnded: endAt !== -1 && err.slice(endAt) === `${END_LINE}end\n`,
      })
    })
  })
}

const payload = (sourceCode: string, stdin: string) => stdinPayload({ sourceCode, stdin }, NONCE)
const echoStdin = 'import sys\nsys.stdout.write(sys.stdin.read())\n'
const DEADLINE = ['--deadline', '60']
const python = [...DEADLINE, '/tmp/main.py', '', 'python3', '-B', '/tmp/main.py']

t.test('head -c does not over-read: the program gets every stdin byte after the source, then EOF', async (t) => {
  for (const padding of [0, 1, 4095, 65_536, 200_000]) {
    const sourceCode = `${echoStdin}#${'p'.repeat(padding)}`
    const stdin = 'first line\nsecond'
    const result = await runner('python', python, payload(sourceCode, stdin))
    t.match(result, { status: 0, stdout: `R${stdin}`, stderr: '', stderrEnded: true }, `source of ${sourceCode.length}`)
    t.equal(result.report?.[3], '0', 'the report ends with the exit status')
  }
})

t.test('the program’s stdin, empty or not, ends at its end and leaves no file in /tmp', async (t) => {
  const sourceCode = 'import os, sys\ndata = sys.stdin.read()\nprint(repr(data), sorted(os.listdir("/tmp")))\n'
  for (const stdin of ['', 'given']) {
    const result = await runner('python', python, payload(sourceCode, stdin))
    t.match(result, { status: 0, stdout: `R${JSON.stringify(stdin).replaceAll('"', "'")} ['main.py']\n`, stderr: '' })
  }
})

t.test('a source without a final newline and multi-byte characters keeps its exact length', async (t) => {
  const result = await runner('python', python, payload('print("héllo €")', 'unread'))
  t.match(result, { status: 0, stdout: `R${Buffer.from('héllo €\n').toString('latin1')}`, stderr: '' })
})

t.test('the report comes last, after everything the program started, with its exit status', async (t) => {
  // A child that outlives the program and would write late: it is ended before the report.
  const sourceCode =
    'import os, sys, time\nif os.fork() == 0:\n  time.sleep(0.5)\n  print("late", flush=True)\n  os._exit(0)\n' +
    'sys.stderr.write("bye\\n")\nsys.exit(3)\n'
  const result = await runner('python', python, payload(sourceCode, ''))
  t.match(result, { status: 3, stdout: 'R', stderr: 'bye\n', stderrEnded: true })
  t.equal(result.report?.length, 4)
  t.equal(result.report?.[3], '3')
  t.match(result.report?.[0], /^(\d+|-)$/, 'cpu time, or unknown')
})

t.test('the compiler does not take the program stdin; its output goes to stderr', async (t) => {
  const sourceCode =
    '#include <iostream>\nint main(){std::string s; std::getline(std::cin, s); std::cout << "[" << s << "]";}'
  const args = [...DEADLINE, '/tmp/main.cpp', 'echo compiling; g++ -o /tmp/main /tmp/main.cpp', '/tmp/main']
  const result = await runner('cpp', args, payload(sourceCode, 'input line\n'))
  t.match(result, { status: 0, stdout: 'R[input line]', stderr: 'compiling\n', stderrEnded: true })
})

t.test('a failed compile writes C and reports the compiler status', async (t) => {
  const result = await runner('cpp', [...DEADLINE, '/tmp/main.cpp', 'echo nope; exit 4', '/tmp/main'], payload('x', ''))
  t.match(result, { status: 4, stdout: 'C', stderr: 'nope\n', stderrEnded: true })
  t.equal(result.report?.[3], '4')
})

t.test('its worker gone (stdin closed) mid-run, everything of the run is killed at once', async (t) => {
  const sourceCode = 'import os, time\nos.fork()\ntime.sleep(20)\nprint("survived")\n'
  const result = await runner('python', python, payload(sourceCode, ''), { closeStdinAfterMs: 1000 })
  t.equal(result.status, 137, 'killed')
  t.equal(result.report, null, 'no report: nobody is there to read it')
  t.notMatch(result.stdout, /survived/, 'nothing but the runner could have killed it (no time limit here)')
})

t.test('a bad header fails before any marker', async (t) => {
  const result = await runner('python', python, Buffer.from('abc\nprint(1)'))
  t.equal(result.status, 125)
  t.equal(result.stdout, '')
  t.match(result.stderr, /bad header/)
})

t.test('the runner is pid 1: the program can neither kill nor stop it, and it reaps every orphan', async (t) => {
  const sourceCode =
    'import os, signal, time\n' +
    'for sig in (signal.SIGKILL, signal.SIGSTOP, signal.SIGTERM, signal.SIGINT, signal.SIGALRM):\n  os.kill(1, sig)\n' +
    // Orphans that end at once: reaped by the runner, or they would hold the pids limit as zombies.
    'for _ in range(20):\n  if os.fork() == 0:\n    if os.fork() == 0: os._exit(0)\n    os._exit(0)\n  os.wait()\n' +
    'time.sleep(0.3)\n' +
    'zombies = [p for p in os.listdir("/proc") if p.isdigit() and open(f"/proc/{p}/stat").read().rsplit(") ", 1)[1][0] == "Z"]\n' +
    'print(open("/proc/1/cmdline").read().split("\\0")[0], len(zombies))\n'
  const result = await runner('python', python, payload(sourceCode, ''))
  t.match(result, { status: 0, stdout: 'R/usr/local/bin/livecode-run 0\n', stderr: '', stderrEnded: true })
  t.equal(result.report?.[3], '0')
})

t.test('the deadline counts from the first byte of the source: a run past it is killed, with no report', async (t) => {
  const args = ['--idle', '5', '--deadline', '2', '/tmp/main.py', '', 'python3', '-B', '/tmp/main.py']
  const quick = 'import time\ntime.sleep(1)\nprint("done")\n'
  // Waited 1.5 s for its source, then ran 1 s: within 2 s of the source, though not of the container's start.
  const waited = await runner('python', args, payload(quick, ''), { writeAfterMs: 1500 })
  t.match(waited, { status: 0, stdout: 'Rdone\n', stderrEnded: true })
  const started = performance.now()
  const endless = await runner('python', args, payload('import time\ntime.sleep(60)\n', ''))
  t.equal(endless.status, 137, 'killed')
  t.equal(endless.report, null)
  t.ok(performance.now() - started < 15_000, 'at its deadline, not the program’s end')
})

t.test('a warm runner that gets no source within its idle bound ends by itself', async (t) => {
  const result = await runner('python', ['--idle', '1', ...python], Buffer.alloc(0), { writeAfterMs: 60_000 })
  t.equal(result.status, 125)
  t.equal(result.stdout, '')
  t.match(result.stderr, /no run came within the idle bound/)
})

t.test('the runner refuses to run under another init, and without a deadline', async (t) => {
  const underInit = await runner('python', python, payload('print(1)', ''), { dockerInit: true })
  t.equal(underInit.status, 125)
  t.match(underInit.stderr, /must be the container's init/)
  const noDeadline = await runner('python', python.slice(2), payload('print(1)', ''))
  t.equal(noDeadline.status, 125)
  t.match(noDeadline.stderr, /usage/)
})
