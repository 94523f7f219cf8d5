// Redis stopped and started again (append-only, so it keeps its jobs) while runs are queued and running:
// the API answers 503 for runs meanwhile and writes nothing; workers and API reconnect by themselves.
import t from 'tap'
import { startOwnRedis } from '../helpers/servers.ts'
import { assertAllSettled, row, sleep, startRig, waitFor, waitForRow } from './helpers.ts'

t.test('Redis restarted during runs: 503 while down, nothing half-written, every accepted run ends', async (t) => {
  const redis = await startOwnRedis(t)
  const rig = await startRig(t, { env: { REDIS_URL: redis.url, WORKER_CONCURRENCY: '1' } })
  rig.worker()
  rig.worker()
  const sessions: string[] = []
  for (let i = 0; i < 6; i++) sessions.push(await rig.session(`import time\ntime.sleep(1)\nprint(${i})\n`))
  for (const sessionId of sessions) {
    const response = await rig.run(sessionId)
    t.equal(response.statusCode, 202, 'accepted while Redis is up')
  }
  const first = rig.accepted[0]
  if (!first) throw new Error('nothing accepted')
  await waitForRow(rig.db, first, 'RUNNING', (e) => e.status !== 'QUEUED', 60_000)

  await redis.stop()
  const rowsBefore = await rig.db.selectFrom('executions').select('id').execute()
  const refused = await rig.run(sessions[0] as string)
  t.equal(refused.statusCode, 503, 'a run while Redis is down answers 503')
  t.match(JSON.parse(refused.body), { error: { code: 'unavailable' } })
  const rowsAfter = await rig.db.selectFrom('executions').select('id').execute()
  t.equal(rowsAfter.length, rowsBefore.length, 'no execution row written by the refused run')
  const session = await rig.db
    .selectFrom('code_sessions')
    .select('execution_count')
    .where('id', '=', sessions[0] as string)
    .executeTakeFirstOrThrow()
  t.equal(session.execution_count, 1, "the session's count is unchanged")
  // Long enough for job locks and heartbeats to lapse.
  await sleep(rig.config.LOCK_DURATION_MS + 1000)

  await redis.start()
  const restartedAt = Date.now()
  // The API's connection comes back by itself: runs are accepted again.
  const later = await waitFor(
    'the API to accept runs again',
    async () => {
      const response = await rig.run(sessions[1] as string)
      return response.statusCode === 202 ? response : undefined
    },
    20_000,
    250,
  )
  t.comment(`API accepting again ${Date.now() - restartedAt} ms after Redis came back`)
  t.ok(later.executionId)
  await assertAllSettled(t, rig.db, rig.accepted, 90_000)
  t.comment(`all ${rig.accepted.length} accepted runs terminal ${Date.now() - restartedAt} ms after Redis came back`)
  for (const id of rig.accepted) {
    const execution = await row(rig.db, id)
    t.equal(execution?.status, 'COMPLETED', `${id} completed (attempts ${execution?.attempts})`)
  }
})
