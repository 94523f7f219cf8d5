// Kernel pools shared beyond one container (issue 8): AIO events (fs.aio-max-nr, host-wide), io_uring, pseudo-
// terminals (kernel.pty.max, host-wide), and the per-uid pools (queued signals, inotify instances, POSIX message
// queue bytes, keys). A hog takes all it can and holds it; a probe run alongside asks for one of each. For every pool:
// the probe still got it, or the hog got none. Mechanisms: the seccomp profile (AIO, io_uring, keys), no devpts
// (/dev/pts is an empty tmpfs), a uid of its own per run, ulimits on pending signals and message queue bytes.
import t, { type Test } from 'tap'
import { waitForTerminal } from '../helpers/system.ts'
import { hostileFixture, type Language, reportLines, startHostileSystem } from './helpers.ts'

const HOLD_SECONDS = 15
const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: '30000', WORKER_CONCURRENCY: '2' })

async function startRun(language: Language, source: string, stdin = ''): Promise<string> {
  const created = await system.app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language, source_code: source, stdin },
  })
  const run = await system.app.inject({ method: 'POST', url: `/code-sessions/${created.json().session_id}/run` })
  t.equal(run.statusCode, 202)
  return run.json().execution_id
}

async function statusOf(executionId: string): Promise<string> {
  return (await system.app.inject({ method: 'GET', url: `/executions/${executionId}` })).json().status
}

async function waitUntilRunning(executionId: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while ((await statusOf(executionId)) === 'QUEUED') {
    if (Date.now() > deadline) throw new Error(`${executionId} never started`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Runs the hog, then the probe while the hog holds what it took; returns both outcomes. */
async function hogThenProbe(t: Test, language: Language, hog: string, settleMs: number) {
  const hogId = await startRun(language, hostileFixture(language, hog), String(HOLD_SECONDS))
  await waitUntilRunning(hogId)
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  const probe = await waitForTerminal(
    system.app,
    await startRun('python', hostileFixture('python', 'probe_kernel_pools.py')),
  )
  t.equal(await statusOf(hogId), 'RUNNING', 'the hog still held everything while the probe ran')
  const hogRun = await waitForTerminal(system.app, hogId)
  t.match(probe, { status: 'COMPLETED', exit_code: 0 })
  t.match(hogRun, { status: 'COMPLETED', exit_code: 0 })
  t.match(hogRun.stdout, /^holding$/m, 'the hog took what it could before the probe came')
  t.comment(`hog: ${hogRun.stdout.replaceAll('\n', '; ')}`)
  t.comment(`probe: ${probe.stdout.replaceAll('\n', '; ')}`)
  return { hog: reportLines(hogRun.stdout), probe: reportLines(probe.stdout) }
}

function assertPoolHeld(t: Test, pool: string, hog: Map<string, string>, probe: Map<string, string>): void {
  const took = Number.parseInt(hog.get(pool) ?? 'NaN', 10)
  t.ok(Number.isInteger(took), `the hog reported ${pool}: ${hog.get(pool)}`)
  t.ok(
    probe.get(pool) === 'ok' || took === 0,
    `${pool}: the second run got one (${probe.get(pool)}) or the first got none (${hog.get(pool)})`,
  )
}

function assertOwnUids(t: Test, hog: Map<string, string>, probe: Map<string, string>): void {
  t.match(hog.get('uid'), /^\d+$/)
  t.not(hog.get('uid'), probe.get('uid'), 'the two runs have different uids')
  t.not(hog.get('uid'), '0')
}

const ALL_POOLS = ['aio', 'io_uring', 'pty', 'sigqueue', 'inotify', 'mqueue', 'keys']

for (const [language, settleMs] of [
  ['python', 3000],
  ['cpp', 6000],
] as const) {
  t.test(`${language} takes every kernel pool it can reach; a run alongside still gets its share`, async (t) => {
    const { hog, probe } = await hogThenProbe(
      t,
      language,
      `hog_kernel_pools.${language === 'cpp' ? 'cpp' : 'py'}`,
      settleMs,
    )
    assertOwnUids(t, hog, probe)
    for (const pool of ALL_POOLS) assertPoolHeld(t, pool, hog, probe)
    if (system.config.CONTAINER_RUNTIME === 'runc') {
      // Under runc these are denied outright; gVisor (runsc) serves them from its own per-sandbox kernel.
      for (const pool of ['aio', 'io_uring', 'keys']) t.match(hog.get(pool), /^0 \(Function not implemented\)$/)
      t.match(hog.get('pty'), /^0 \(No such file or directory\)$/)
      const queued = /^(\d+) \(Resource temporarily unavailable\)$/.exec(hog.get('sigqueue') ?? '')
      t.ok(queued && Number(queued[1]) <= 1024, `RLIMIT_SIGPENDING (1024) holds: ${hog.get('sigqueue')}`)
    }
    await system.afterwards(t, language)
  })
}

t.test('javascript opens pseudo-terminals from several processes; a run alongside still gets one', async (t) => {
  const { hog, probe } = await hogThenProbe(t, 'javascript', 'hog_ptys.js', 3000)
  assertOwnUids(t, hog, probe)
  assertPoolHeld(t, 'pty', hog, probe)
  if (system.config.CONTAINER_RUNTIME === 'runc') t.match(hog.get('pty'), /^0 \(ENOENT\)$/)
  await system.afterwards(t, 'javascript')
})
