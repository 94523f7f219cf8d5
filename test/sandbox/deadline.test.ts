// The deadline holds whatever the program does (issue 8, point 7): a program that stops its container's own timer
// keeps running, and any worker on the engine, of any queue, removes it once it is past its lifetime label.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import t from 'tap'
import { sandboxContainerOptions } from '../../src/sandbox/container-spec.ts'
import { isPastDeadline } from '../../src/sandbox/deadline.ts'
import { LIFETIME_LABEL } from '../../src/sandbox/labels.ts'
import { removeSandboxContainers } from '../../src/sandbox/leftovers.ts'
import { heartbeatKey } from '../../src/worker/heartbeat.ts'
import { reapLeftovers, workerIdFor } from '../../src/worker/leftover-reaper.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { testRedisUrl, uniqueQueueName } from '../helpers/redis.ts'
import { dockerClient, testSettings } from './helpers.ts'

const docker = dockerClient()

t.test('past its lifetime label a sandbox is past its deadline; without the label it is not judged', async (t) => {
  const created = 1_800_000_000
  const labels = { [LIFETIME_LABEL]: '5000' }
  t.notOk(isPastDeadline({ Created: created, Labels: labels }, created * 1000 + 5000))
  t.notOk(isPastDeadline({ Created: created, Labels: labels }, created * 1000 + 5999), 'creation is in whole seconds')
  t.ok(isPastDeadline({ Created: created, Labels: labels }, created * 1000 + 6001))
  t.notOk(isPastDeadline({ Created: created, Labels: {} }, created * 1000 + 10 ** 9))
  t.notOk(isPastDeadline({ Created: created, Labels: { [LIFETIME_LABEL]: 'soon' } }, created * 1000 + 10 ** 9))
})

t.test('a program that SIGSTOPs its own timer is removed at its deadline by a worker of another queue', async (t) => {
  // The container's owner is a live-looking worker of some queue; the reaper belongs to another queue entirely.
  const owner = workerIdFor(uniqueQueueName('deadline-owner'), randomUUID())
  t.teardown(() => removeSandboxContainers(docker, { workerId: owner }))
  const lifetimeMs = 4000
  const container = await docker.createContainer(
    sandboxContainerOptions(testSettings(), 'python', {
      // The program stops `timeout` (its parent) before the 1 s timer fires, then sleeps on.
      cmd: ['timeout', '--signal=KILL', '1s', 'sh', '-c', 'kill -STOP $PPID; exec sleep 1000'],
      labels: {},
      openStdin: false,
      workerId: owner,
      lifetimeMs,
    }),
  )
  await container.start()
  const redis = new Redis(testRedisUrl())
  t.teardown(() => redis.quit())
  const queue = uniqueQueueName('deadline-reaper')
  const reap = () => reapLeftovers(docker, redis, queue, workerIdFor(queue, 'self'), pino({ level: 'silent' }))

  await reap()
  t.strictSame(
    sandboxContainers({ workerId: owner }),
    [container.id.slice(0, 12)],
    'within its lifetime it is left alone',
  )
  await sleep(2500)
  t.equal((await container.inspect()).State.Running, true, 'its own timer was stopped: it runs past the timer')

  const deadline = Date.now() + lifetimeMs + 15_000
  while (sandboxContainers({ workerId: owner }).length > 0 && Date.now() < deadline) {
    await reap()
    await sleep(500)
  }
  t.strictSame(sandboxContainers({ workerId: owner }), [], 'removed once past its deadline')
  const inspected = await container.inspect().catch((error) => error)
  t.equal(inspected.statusCode, 404)
})

t.test(
  'a container left in Created (its start failed) by a worker that is still alive goes at its deadline',
  async (t) => {
    // What an engine restart left behind: the worker lived on, so no dead-worker reaping would ever touch it.
    const queue = uniqueQueueName('deadline-live')
    const owner = workerIdFor(queue, 'alive')
    t.teardown(() => removeSandboxContainers(docker, { workerId: owner }))
    const redis = new Redis(testRedisUrl())
    t.teardown(() => redis.quit())
    await redis.set(heartbeatKey(queue, owner), String(Date.now()), 'PX', 60_000)
    t.teardown(() => redis.del(heartbeatKey(queue, owner)))
    await docker.createContainer(
      sandboxContainerOptions(testSettings(), 'python', {
        cmd: ['true'],
        labels: {},
        openStdin: false,
        workerId: owner,
        lifetimeMs: 1000,
      }),
    )
    const reap = () => reapLeftovers(docker, redis, queue, workerIdFor(queue, 'self'), pino({ level: 'silent' }))
    const deadline = Date.now() + 15_000
    while (sandboxContainers({ workerId: owner }).length > 0 && Date.now() < deadline) {
      await reap()
      await sleep(500)
    }
    t.strictSame(sandboxContainers({ workerId: owner }), [], 'removed, though its worker still beats')
  },
)
