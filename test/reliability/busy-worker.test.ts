// A live worker whose event loop is blocked for three lock durations at a time keeps its run: no other
// worker takes it over, and the leftover reaper leaves its container alone. One blocked past its stall limit
// counts as dead, and is made so: it kills itself, so its sandbox ends with it and its run is taken over.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import t from 'tap'
import { sandboxContainers } from '../helpers/docker.ts'
import { assertAllSettled, startRig, waitFor, waitForRow, waitTerminal } from './helpers.ts'

const BUSY = path.resolve('test/fixtures/busy-event-loop.ts')
const SLEEPER = 'import time\ntime.sleep(20)\nprint("woke up")\n'

t.test('a worker blocked 3× its lock duration at a time is not taken over', async (t) => {
  // A lock of 4 s rather than the suite's 2 s: the liveness thread itself must get the CPU within it, and this
  // shared test machine is sometimes very loaded.
  const rig = await startRig(t, {
    env: { LOCK_DURATION_MS: '4000', EVENT_LOOP_STALL_LIMIT_MS: '30000', RUN_TIMEOUT_MS: '60000' },
  })
  const lockMs = rig.config.LOCK_DURATION_MS
  const busy = rig.worker({
    NODE_OPTIONS: `--import=${BUSY}`,
    BUSY_MS: String(3 * lockMs),
    BUSY_EVERY_MS: String(3 * lockMs + 500),
  })
  const sessionId = await rig.session(SLEEPER)
  const { executionId } = await rig.run(sessionId)
  if (!executionId) throw new Error('run not accepted')
  await waitForRow(rig.db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 60_000)
  await waitFor('the busy worker’s container', () => sandboxContainers({ executionId }).length > 0, 30_000)
  // Another worker, idle, ready to take over anything whose lock lapses and to reap any dead worker's container.
  rig.worker()

  const execution = await waitTerminal(rig.db, executionId, 90_000)
  t.match(execution, { status: 'COMPLETED', stdout: 'woke up\n', exit_code: 0 })
  t.equal(execution.attempts, 1, 'started once: the busy worker kept it')
  await assertAllSettled(t, rig.db, rig.accepted)
  busy.kill('SIGTERM')
})

t.test(
  'a worker silent past its stall limit kills itself: its sandbox ends first, then its run is taken over',
  async (t) => {
    const rig = await startRig(t, {
      env: { LOCK_DURATION_MS: '4000', EVENT_LOOP_STALL_LIMIT_MS: '3000', RUN_TIMEOUT_MS: '60000' },
    })
    const stalled = rig.worker({ NODE_OPTIONS: `--import=${BUSY}`, BUSY_MS: '60000' })
    const { executionId } = await rig.run(await rig.session('import time\ntime.sleep(6)\nprint("woke up")\n'))
    if (!executionId) throw new Error('run not accepted')
    await waitForRow(rig.db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 60_000)
    await waitFor('its container', () => sandboxContainers({ executionId }).length > 0, 30_000)
    const first = sandboxContainers({ executionId })
    rig.worker()
    stalled.kill('SIGUSR2') // its event loop blocked from now on
    await waitFor('its container stopped', () => first.every((id) => !isRunning(id)), 30_000)
    const firstEndedAt = Date.now()
    await stalled.exited
    t.equal(stalled.endedBy(), 'SIGKILL', 'the stalled worker ended itself')
    const execution = await waitTerminal(rig.db, executionId, 90_000)
    t.match(execution, { status: 'COMPLETED', stdout: 'woke up\n', attempts: 2 })
    const secondStartedAt = execution.started_at?.getTime() ?? 0
    t.ok(
      firstEndedAt < secondStartedAt,
      `the first container had ended ${secondStartedAt - firstEndedAt} ms before the second start`,
    )
    await assertAllSettled(t, rig.db, rig.accepted)
  },
)

function isRunning(containerId: string): boolean {
  try {
    return (
      execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', containerId], { encoding: 'utf8' }).trim() ===
      'true'
    )
  } catch {
    return false // gone
  }
}
