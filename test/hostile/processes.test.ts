// Process and thread bombs, and what one run leaves for the next: the pids limit and container-per-run hold.
import t, { type Test } from 'tap'
import { oomEndings, underGvisor } from '../helpers/runtime.ts'
import { assertEndedAs, hostileFixture, MiB, startHostileSystem } from './helpers.ts'

const PIDS_LIMIT = 64
const system = await startHostileSystem(t, {
  RUN_TIMEOUT_MS: '5000',
  MEMORY_LIMIT_BYTES: String(128 * MiB),
  PIDS_LIMIT: String(PIDS_LIMIT),
})

/** "blocked: <error> after <n>": the bomb met the pids limit before reaching it, as an error it could see. */
function assertBlockedByPidsLimit(t: Test, stdout: string, error: RegExp): void {
  const match = /^blocked: (.+) after (\d+)$/m.exec(stdout)
  t.ok(match, `the program reported what stopped it: ${JSON.stringify(stdout.slice(0, 200))}`)
  if (!match) return
  t.match(match[1], error)
  t.ok(Number(match[2]) < PIDS_LIMIT, `${match[2]} started, fewer than the pids limit ${PIDS_LIMIT}`)
}

const bombs = [
  {
    name: 'python os.fork loop (children fork too)',
    language: 'python',
    file: 'fork_bomb.py',
    error: /Resource temporarily unavailable/,
  },
  {
    name: 'C++ fork loop (children fork too)',
    language: 'cpp',
    file: 'fork_bomb.cpp',
    error: /Resource temporarily unavailable/,
  },
  { name: 'JavaScript child_process spawn loop', language: 'javascript', file: 'spawn_bomb.js', error: /EAGAIN/ },
  { name: 'python thread bomb', language: 'python', file: 'thread_bomb.py', error: /can't start new thread/ },
  { name: 'C++ pthread bomb', language: 'cpp', file: 'thread_bomb.cpp', error: /Resource temporarily unavailable/ },
] as const

/**
 * Under gVisor every process costs the Sentry memory of its own (charged to the run's cgroup), so a fork bomb may meet
 * the memory cap before the process limit (RLIMIT_NPROC there): FAILED/memory_limit is the other honest ending.
 */
// Hundreds of processes can fill the memory cap before the process limit stops them (seen on a loaded host under
// runc too): an OOM kill is then the right verdict, on the OOM killer's evidence.
const forkBombEndings: Array<[string, string | null]> = [['TIMEOUT', null], ...oomEndings()]

for (const bomb of bombs) {
  t.test(`${bomb.name}: the pids limit holds, the run ends at the wall clock`, async (t) => {
    const execution = await system.run(bomb.language, hostileFixture(bomb.language, bomb.file))
    assertEndedAs(t, execution, forkBombEndings)
    if (execution.status === 'TIMEOUT' && execution.stdout === '' && underGvisor()) {
      // Each spawn costs the ptrace platform a host process image: a slow bomb may not reach the limit in time.
      t.equal(execution.exit_code, null)
      t.comment(`${bomb.name}: the wall clock came before the process limit under gVisor`)
    } else if (execution.status === 'TIMEOUT') {
      t.equal(execution.exit_code, null)
      assertBlockedByPidsLimit(t, execution.stdout, bomb.error)
    } else t.comment(`${bomb.name} met the memory cap first: ${JSON.stringify(execution.stdout.slice(0, 200))}`)
    await system.afterwards(t, bomb.language)
  })
}

t.test('JavaScript worker_threads bomb: memory or the pids limit stops it, the run ends', async (t) => {
  // Each worker thread is a whole V8 isolate (~10 MiB): the memory cap usually comes before the pids limit.
  const execution = await system.run('javascript', hostileFixture('javascript', 'thread_bomb.js'))
  assertEndedAs(t, execution, [...oomEndings(), ['TIMEOUT', null]])
  t.comment(`worker_threads bomb ended as ${execution.status}/${execution.failure_reason}: ${execution.stdout.trim()}`)
  if (execution.stdout !== '') t.match(execution.stdout, /^blocked: \S+ after \d+\n$/)
  await system.afterwards(t, 'javascript')
})

t.test('a second run on the same worker sees nothing of the first: no files, no processes', async (t) => {
  const first = await system.run('python', hostileFixture('python', 'leave_traces.py'))
  t.match(first, { status: 'COMPLETED', stdout: /^wrote \/tmp\/secret\nsleeper started: \d+\n$/ })
  const second = await system.run('python', hostileFixture('python', 'look_for_traces.py'))
  t.match(second, { status: 'COMPLETED', failure_reason: null })
  t.match(second.stdout, /^\/tmp\/secret: absent$/m)
  t.match(second.stdout, /^\/tmp: \[\]$/m, '/tmp holds nothing but this run’s own source')
  t.match(second.stdout, /^sleepers: \[\]$/m)
  t.match(second.stdout, /^processes: \d+$/m)
  await system.afterwards(t, 'python')
})
