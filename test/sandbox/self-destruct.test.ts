import { setTimeout as sleep } from 'node:timers/promises'
import type Docker from 'dockerode'
import t, { type Test } from 'tap'
import { buildContainerSpec, SELF_DESTRUCT_GRACE_MS } from '../../src/sandbox/container-spec.ts'
import { stdinPayload } from '../../src/sandbox/docker-runner.ts'
import { newReportNonce } from '../../src/sandbox/usage-report.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const BUSY_LOOP = 'while True:\n    pass'

/** A run's container started the way the runner starts it (source sent, stdin left open), then left alone. */
async function abandonedRun(t: Test, settings: ReturnType<typeof testSettings>) {
  const spec = buildContainerSpec(settings, request('python', BUSY_LOOP), { workerId: 'gone-for-good' })
  const container = await docker.createContainer(spec)
  t.teardown(() => container.remove({ force: true }).catch(() => {}))
  const stream = (await container.attach({
    stream: true,
    stdin: true,
    stdout: true,
    stderr: true,
    hijack: true,
  })) as NodeJS.ReadWriteStream & { destroy(): void }
  await container.start()
  stream.write(stdinPayload({ sourceCode: BUSY_LOOP, stdin: '' }, newReportNonce()))
  return { container, stream, startedAt: Date.now() }
}

async function runningFor(container: Docker.Container, startedAt: number, deadlineMs: number): Promise<boolean> {
  let running = true
  while (running && Date.now() - startedAt < deadlineMs) {
    await sleep(250)
    running = (await container.inspect()).State.Running
  }
  return running
}

// A worker hung for good (alive, its connection open) never kills the run at its limit: the container does.
t.test('a container whose worker never comes back ends by itself after the limit and a grace', async (t) => {
  const settings = testSettings({ timeoutMs: 1000 })
  const { container, startedAt } = await abandonedRun(t, settings)
  const deadline = settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS + 5000
  t.notOk(await runningFor(container, startedAt, deadline), 'the container is no longer running')
  const lifetime = Date.now() - startedAt
  t.ok(
    lifetime >= settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS - 1000,
    `it ran its limit and grace (${lifetime} ms)`,
  )
  t.equal((await container.inspect()).State.ExitCode, 137, 'ended by its runner at its deadline')
})

// A worker that dies (SIGKILL, crash) closes its connection: the engine closes the container's stdin, and the
// runner ends the run then, long before its limit, so that a take-over on any engine never runs beside it.
t.test('a container whose worker is gone (its attach connection closed) ends at once', async (t) => {
  const settings = testSettings({ timeoutMs: 60_000 })
  const { container, stream, startedAt } = await abandonedRun(t, settings)
  await sleep(1000)
  t.ok((await container.inspect()).State.Running, 'running while its worker is there')
  stream.destroy()
  t.notOk(await runningFor(container, startedAt, settings.limits.timeoutMs), 'the container is no longer running')
  t.equal((await container.inspect()).State.ExitCode, 137, 'killed')
})
