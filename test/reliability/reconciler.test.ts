// PostgreSQL is the truth: when Redis loses its jobs, or a RUNNING row outlives its limit with no job,
// the reconciler of a live worker puts the two back in step.
import { sql } from 'kysely'
import t from 'tap'
import { startOwnRedis } from '../helpers/servers.ts'
import { assertAllSettled, row, startRig, waitTerminal } from './helpers.ts'

t.test('Redis lost its data: QUEUED runs are queued again; a RUNNING row with no job is recovered', async (t) => {
  const redis = await startOwnRedis(t)
  const rig = await startRig(t, { env: { REDIS_URL: redis.url, MAX_STARTS: '3' } })
  const queuedSession = await rig.session('print("queued again")')
  const stuckSession = await rig.session('print("recovered")')
  const spentSession = await rig.session('print("never")')

  const queued = await rig.run(queuedSession)
  const stuck = await rig.run(stuckSession)
  const spent = await rig.run(spentSession)
  if (!queued.executionId || !stuck.executionId || !spent.executionId) throw new Error('runs not accepted')
  t.ok(await rig.app.executionsQueue.getJob(queued.executionId), 'the job is in Redis')

  // No worker runs yet. Redis loses everything of this queue (not FLUSHALL: other test files share the server).
  await rig.app.executionsQueue.obliterate({ force: true })
  t.notOk(await rig.app.executionsQueue.getJob(queued.executionId), 'the job is gone')
  // Two rows look as if a worker that died took them long ago (its job gone with Redis): one may be
  // started again, the other has had all its starts.
  const longAgo = sql<Date>`now() - interval '1 hour'`
  await rig.db
    .updateTable('executions')
    .set({ status: 'RUNNING', started_at: longAgo, attempts: 1 })
    .where('id', '=', stuck.executionId)
    .execute()
  await rig.db
    .updateTable('executions')
    .set({ status: 'RUNNING', started_at: longAgo, attempts: 3 })
    .where('id', '=', spent.executionId)
    .execute()

  const startedAt = Date.now()
  rig.worker()
  const again = await waitTerminal(rig.db, queued.executionId, 30_000)
  t.comment(`worker start → QUEUED run completed in ${Date.now() - startedAt} ms (worker start-up included)`)
  t.match(again, { status: 'COMPLETED', stdout: 'queued again\n', attempts: 1 })
  t.match(await waitTerminal(rig.db, stuck.executionId, 30_000), {
    status: 'COMPLETED',
    stdout: 'recovered\n',
    attempts: 2,
  })
  t.match(await waitTerminal(rig.db, spent.executionId, 30_000), {
    status: 'FAILED',
    failure_reason: 'internal_error',
    attempts: 3,
  })
  t.equal((await row(rig.db, spent.executionId))?.stdout, '', 'the spent run was not started again')
  await assertAllSettled(t, rig.db, rig.accepted)
})
