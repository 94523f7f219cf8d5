// A worker SIGKILLed mid-run: its run is taken over by another worker, its container goes, and a
// run whose workers keep dying is ended rather than re-run for ever.
import t from 'tap'
import { sandboxContainers } from '../helpers/docker.ts'
import { assertAllSettled, row, startRig, waitFor, waitForRow, waitTerminal } from './helpers.ts'

const SLEEPER = 'import time\ntime.sleep(4)\nprint("woke up")\n'

t.test('worker SIGKILLed mid-run: another worker re-runs it to completion', async (t) => {
  const rig = await startRig(t)
  const workerA = rig.worker()
  const sessionId = await rig.session(SLEEPER)
  const { executionId } = await rig.run(sessionId)
  if (!executionId) throw new Error('run not accepted')

  await waitForRow(rig.db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 30_000)
  // The container of A's attempt exists (A's id is not known here: found by the execution's label).
  const containersOfA = await waitFor(
    'A container',
    () => sandboxContainers({ executionId: executionId }).length > 0 && sandboxContainers({ executionId: executionId }),
    15_000,
  )
  workerA.kill('SIGKILL')
  await workerA.exited
  const killedAt = Date.now()

  rig.worker()
  const execution = await waitTerminal(rig.db, executionId, 45_000)
  t.comment(`killed → terminal in ${Date.now() - killedAt} ms (LOCK_DURATION_MS ${rig.config.LOCK_DURATION_MS})`)
  t.match(execution, { status: 'COMPLETED', stdout: 'woke up\n', exit_code: 0, failure_reason: null })
  t.equal(execution.attempts, 2, 'started twice: by A, then by B')
  for (const id of containersOfA) {
    t.notOk(sandboxContainers({ executionId: executionId }).includes(id), `A's container ${id.slice(0, 12)} is gone`)
  }
  await assertAllSettled(t, rig.db, rig.accepted)
})

t.test('a run whose workers keep dying is ended FAILED/internal_error after MAX_STARTS starts', async (t) => {
  const rig = await startRig(t, { env: { MAX_STARTS: '2' } })
  const sessionId = await rig.session(SLEEPER)
  const { executionId } = await rig.run(sessionId)
  if (!executionId) throw new Error('run not accepted')

  for (let start = 1; start <= 2; start++) {
    const worker = rig.worker()
    await waitForRow(
      rig.db,
      executionId,
      `RUNNING, start ${start}`,
      (e) => e.status === 'RUNNING' && e.attempts === start,
      45_000,
    )
    await waitFor(
      `container of start ${start}`,
      () => sandboxContainers({ executionId: executionId }).length > 0,
      15_000,
    )
    worker.kill('SIGKILL')
    await worker.exited
  }
  t.equal((await row(rig.db, executionId))?.status, 'RUNNING', 'still RUNNING while no worker is up')

  rig.worker()
  const execution = await waitTerminal(rig.db, executionId, 45_000)
  t.match(execution, { status: 'FAILED', failure_reason: 'internal_error', attempts: 2, stdout: '' })
  await assertAllSettled(t, rig.db, rig.accepted)
})
