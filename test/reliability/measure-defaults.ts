// Not a test: measures recovery times with the DEFAULT settings (slow: about two minutes).
//   node test/reliability/measure-defaults.ts
// 1. A worker SIGKILLed mid-run, another started at once: time from the kill to the re-run's start.
// 2. Redis loses its data while a run is QUEUED: time from queued_at to the run's completion.
import { execFileSync } from 'node:child_process'
import t from 'tap'
import { sandboxContainers } from '../helpers/docker.ts'
import { startOwnRedis } from '../helpers/servers.ts'
import { startRig, waitFor, waitForRow, waitTerminal } from './helpers.ts'

t.setTimeout(300_000)

const DEFAULTS: Record<string, string> = {
  LOCK_DURATION_MS: '',
  RECONCILE_EVERY_MS: '',
  QUEUED_GRACE_MS: '',
  RUNNING_MARGIN_MS: '',
  REAP_EVERY_MS: '',
  JOB_BACKOFF_MS: '',
  RUN_TIMEOUT_MS: '',
}

t.test('worker killed, default settings', { timeout: 240_000 }, async (t) => {
  const rig = await startRig(t, { env: { ...DEFAULTS, RUNS_PER_MINUTE: '1000' } })
  const first = rig.worker()
  const { executionId } = await rig.run(await rig.session('import time\ntime.sleep(5)\nprint("ok")\n'))
  if (!executionId) throw new Error('not accepted')
  await waitForRow(rig.db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 60_000)
  await waitFor('container', () => sandboxContainers({ executionId: executionId }).length > 0, 15_000)
  first.kill('SIGKILL')
  await first.exited
  const killedAt = Date.now()
  rig.worker()
  await waitForRow(rig.db, executionId, 'started again', (e) => e.attempts === 2, 120_000)
  t.comment(`worker killed → run started again after ${Date.now() - killedAt} ms`)
  const done = await waitTerminal(rig.db, executionId, 60_000)
  t.comment(`worker killed → ${done.status} after ${Date.now() - killedAt} ms`)
})

t.test('Redis lost its data, default settings', { timeout: 240_000 }, async (t) => {
  const redis = await startOwnRedis(t)
  const rig = await startRig(t, { env: { ...DEFAULTS, REDIS_URL: redis.url, RUNS_PER_MINUTE: '1000' } })
  const { executionId } = await rig.run(await rig.session('print("ok")'))
  if (!executionId) throw new Error('not accepted')
  execFileSync('redis-cli', ['-u', redis.url, 'flushall'])
  rig.worker()
  const done = await waitTerminal(rig.db, executionId, 150_000)
  t.comment(
    `Redis flushed → ${done.status} ${(done.finished_at as Date).getTime() - done.queued_at.getTime()} ms after queued_at`,
  )
})
