import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { buildContainerSpec, SELF_DESTRUCT_GRACE_MS } from '../../src/sandbox/container-spec.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

// The worker that started a container may die (SIGKILL, host trouble) before it kills the run at its limit.
t.test('a container whose worker never comes back ends by itself after the limit and a grace', async (t) => {
  const docker = dockerClient()
  const settings = testSettings({ timeoutMs: 1000 })
  const spec = buildContainerSpec(settings, request('python', 'while True:\n    pass'), { workerId: 'gone-for-good' })
  const container = await docker.createContainer(spec)
  t.teardown(() => container.remove({ force: true }).catch(() => {}))
  // Started the way the runner starts it, then abandoned: stdin sent, and nobody ever kills it.
  const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })
  await container.start()
  const startedAt = Date.now()
  stream.end(Buffer.from('29\nwhile True:\n    pass\n#padding'))

  const deadline = settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS + 5000
  let running = true
  while (running && Date.now() - startedAt < deadline) {
    await sleep(250)
    running = (await container.inspect()).State.Running
  }
  t.notOk(running, 'the container is no longer running')
  const lifetime = Date.now() - startedAt
  t.ok(
    lifetime >= settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS - 1000,
    `it ran its limit and grace (${lifetime} ms)`,
  )
  t.equal((await container.inspect()).State.ExitCode, 137, 'SIGKILLed by its own timeout')
})
