// A drain that cannot finish (PostgreSQL is down, so the outcome of the run in hand cannot be written) ends at
// the worker's drain deadline instead of holding the process for ever; the run is carried on by another worker.
import t from 'tap'
import { startOwnPostgres } from '../helpers/servers.ts'
import { assertAllSettled, exitCodeWithin, migratedDatabaseOn, startRig, waitForRow } from './helpers.ts'

/** The worker's drain deadline past RUN_TIMEOUT_MS (src/worker/start-worker.ts). */
const DRAIN_MARGIN_MS = 30_000

t.test('SIGTERM while PostgreSQL is down: the worker exits by its drain deadline', async (t) => {
  const postgres = await startOwnPostgres(t)
  const { db, url } = await migratedDatabaseOn(t, postgres.url)
  const runTimeoutMs = 3000
  const rig = await startRig(t, { db, databaseUrl: url, env: { RUN_TIMEOUT_MS: String(runTimeoutMs) } })
  const first = rig.worker()
  const sessionId = await rig.session('import time\ntime.sleep(1)\nprint("done")\n')
  const { executionId } = await rig.run(sessionId)
  if (!executionId) throw new Error('run not accepted')
  await waitForRow(db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 30_000)

  await postgres.stop()
  const signalledAt = Date.now()
  first.kill('SIGTERM')
  const deadlineMs = runTimeoutMs + DRAIN_MARGIN_MS
  const exitCode = await exitCodeWithin(first.exited, 'the draining worker', deadlineMs + 15_000)
  const tookMs = Date.now() - signalledAt
  t.equal(exitCode, 0, 'the worker ended its drain itself (it did not crash when PostgreSQL went away)')
  t.ok(tookMs >= deadlineMs - 1000, `it waited for PostgreSQL until its deadline (${tookMs} ms)`)
  t.ok(tookMs < deadlineMs + 15_000, `and then exited (${tookMs} ms after SIGTERM)`)

  await postgres.start()
  rig.worker()
  t.match(await waitForRow(db, executionId, 'terminal', (e) => e.status !== 'RUNNING', 90_000), {
    status: 'COMPLETED',
    stdout: 'done\n',
  })
  await assertAllSettled(t, db, rig.accepted)
})
