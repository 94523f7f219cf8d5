import { randomUUID } from 'node:crypto'
import t from 'tap'
import { buildContainerSpec } from '../../src/sandbox/container-spec.ts'
import { forceRemove, removeSandboxContainers } from '../../src/sandbox/leftovers.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()

async function leaveBehind(workerId: string, start: boolean): Promise<string> {
  const req = request('python', '')
  const container = await docker.createContainer({
    ...buildContainerSpec(testSettings(), req, { workerId }),
    // A leftover that is still running: sleeps instead of waiting for the source.
    Cmd: ['sleep', '60'],
  })
  if (start) await container.start()
  return req.executionId
}

t.test('removes the containers of one worker, running or not, and only those', async (t) => {
  const mine = `test-leftovers-${randomUUID()}`
  const other = `test-leftovers-${randomUUID()}`
  t.teardown(() => removeSandboxContainers(docker, { workerId: other }))
  await leaveBehind(mine, true)
  await leaveBehind(mine, false)
  await leaveBehind(other, false)
  t.equal(await removeSandboxContainers(docker, { workerId: mine }), 2)
  t.strictSame(sandboxContainers({ workerId: mine }), [])
  t.equal(sandboxContainers({ workerId: other }).length, 1)
  t.equal(await removeSandboxContainers(docker, { workerId: mine }), 0, 'nothing left to remove')
})

t.test('removes the containers of given executions', async (t) => {
  const workerId = `test-leftovers-${randomUUID()}`
  t.teardown(() => removeSandboxContainers(docker, { workerId }))
  const first = await leaveBehind(workerId, false)
  await leaveBehind(workerId, false)
  t.equal(await removeSandboxContainers(docker, { executionIds: [first] }), 1)
  t.equal(sandboxContainers({ workerId: workerId }).length, 1)
  t.equal(await removeSandboxContainers(docker, {}), 0, 'an empty filter removes nothing')
})

t.test('removers racing for one container all return once it is gone, and only one counts it', async (t) => {
  const workerId = `test-leftovers-${randomUUID()}`
  t.teardown(() => removeSandboxContainers(docker, { workerId }))
  for (let round = 0; round < 5; round++) {
    const executionId = await leaveBehind(workerId, true)
    const [id] = sandboxContainers({ executionId })
    if (id === undefined) throw new Error('the container was not created')
    const removers = [0, 1, 2].map(async () => {
      const removed = await forceRemove(docker, [{ Id: id }])
      return { removed, goneAfter: sandboxContainers({ executionId }).length === 0 }
    })
    const results = await Promise.all(removers)
    t.equal(
      results.reduce((sum, r) => sum + r.removed, 0),
      1,
      `round ${round}: removed once`,
    )
    t.ok(
      results.every((r) => r.goneAfter),
      `round ${round}: gone when each remover returned`,
    )
  }
})
