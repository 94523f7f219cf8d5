// The worker's side of live runs against real Redis and PostgreSQL: what it publishes, and how a cancel
// reaches the run it holds, however the cancel arrives.
import { Redis } from 'ioredis'
import { pino } from 'pino'
import t, { type Test } from 'tap'
import { insertExecution, markRunning, requestCancel } from '../../src/db/executions-repository.ts'
import { insertSession } from '../../src/db/sessions-repository.ts'
import { cancelChannel, eventStreamKey } from '../../src/events/keys.ts'
import { LiveRuns } from '../../src/worker/live-runs.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { testRedisUrl, uniqueQueueName } from '../helpers/redis.ts'
import { waitFor } from '../helpers/wait.ts'

async function setUp(t: Test) {
  const { db } = await createTestDatabase(t)
  const queueName = uniqueQueueName('live')
  const logger = pino({ level: 'silent' })
  const live = new LiveRuns(testRedisUrl(), { queueName, maxEntries: 1000, ttlSeconds: 60 }, db, logger)
  const redis = new Redis(testRedisUrl())
  t.teardown(async () => {
    await live.close()
    await redis.quit()
  })
  const running = async (cancelled = false) => {
    const session = await insertSession(db, { language: 'python', source_code: 'print(1)', stdin: '' })
    const row = await insertExecution(db, { session_id: session.id, language: 'python', source_code: '', stdin: '' })
    await markRunning(db, row.id, 'engine')
    if (cancelled) await requestCancel(db, row.id)
    return await db.selectFrom('executions').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  }
  // The subscription is set up in the background: a first message proves it is there.
  const ready = async () => {
    await waitFor(
      'the cancel subscription',
      async () => (await redis.pubsub('NUMSUB', cancelChannel(queueName)))[1] === 1,
      10_000,
    )
  }
  return { live, redis, queueName, running, ready }
}

t.test('a run publishes RUNNING, then its output in order; end() waits until it is on the stream', async (t) => {
  const { live, redis, queueName, running } = await setUp(t)
  const execution = await running()
  const run = live.begin(execution)
  run.onOutput('stdout', 'a')
  run.onOutput('stdout', 'b')
  run.onOutput('stderr', 'oops')
  run.onOutput('stdout', 'c')
  await run.end()
  const entries = (await redis.xrange(eventStreamKey(queueName, execution.id), '-', '+')) as [string, string[]][]
  t.same(
    entries.map(([, fields]) => [fields[1], fields[3]]),
    [
      ['status', '{"status":"RUNNING"}'],
      ['stdout', '{"data":"ab"}'],
      ['stderr', '{"data":"oops"}'],
      ['stdout', '{"data":"c"}'],
    ],
    'a burst becomes one entry per stream change',
  )
  t.ok((await redis.ttl(eventStreamKey(queueName, execution.id))) > 0, 'the stream expires')
})

t.test('a cancel aborts the run in hand, whenever it arrives', async (t) => {
  const { live, redis, queueName, running, ready } = await setUp(t)
  await ready()

  const held = live.begin(await running())
  t.equal(held.cancel.aborted, false)
  const target = await running()
  const byMessage = live.begin(target)
  await redis.publish(cancelChannel(queueName), target.id)
  await waitFor('the cancel message to abort the run', () => byMessage.cancel.aborted, 10_000)
  t.ok(byMessage.cancel.aborted, 'the cancel message aborts the run in hand')
  t.equal(held.cancel.aborted, false, 'only that run')

  const early = await running()
  await redis.publish(cancelChannel(queueName), early.id)
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.ok(live.begin(early).cancel.aborted, 'heard between the claim and begin(): aborted at once')

  t.ok(live.begin(await running(true)).cancel.aborted, 'recorded in the row before the claim: aborted at once')
  for (const run of [held, byMessage]) await run.end()
})
