// Nothing stuck on Docker (issue 8, point 8): an engine that accepts connections but never answers.
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import t, { type Test } from 'tap'
import { DockerTimeoutError, limitDockerCalls, withDockerLimit } from '../../src/sandbox/docker-call-limit.ts'
import { SandboxPlatformError } from '../../src/sandbox/types.ts'

async function hungEngine(t: Test): Promise<string> {
  const socketPath = join(tmpdir(), `livecode-hung-engine-${process.pid}-${Date.now()}.sock`)
  const held: Socket[] = []
  const server: Server = createServer((socket) => {
    held.push(socket) // reads the request, never answers
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  t.teardown(() => {
    for (const socket of held) socket.destroy()
    server.close()
  })
  return socketPath
}

t.test('every short request to a hung engine fails within its limit, as the platform’s failure', async (t) => {
  const docker = limitDockerCalls(new Docker({ socketPath: await hungEngine(t) }), 300)
  for (const [what, call] of [
    ['ping', () => docker.ping()],
    ['create', () => docker.createContainer({ Image: 'x' })],
    ['inspect', () => docker.getContainer('abc').inspect()],
    ['kill', () => docker.getContainer('abc').kill()],
    ['remove', () => docker.getContainer('abc').remove({ force: true })],
    ['list', () => docker.listContainers()],
  ] as const) {
    const started = performance.now()
    const error = await (call as () => Promise<unknown>)().then(
      () => null,
      (e: unknown) => e,
    )
    const took = performance.now() - started
    t.ok(error instanceof DockerTimeoutError && error instanceof SandboxPlatformError, `${what}: ${String(error)}`)
    t.ok(took >= 250 && took < 5000, `${what} gave up after its limit (${Math.round(took)} ms)`)
  }
})

t.test('long-lived requests (wait) are left to the run’s own clock; withDockerLimit bounds what is left', async (t) => {
  const docker = limitDockerCalls(new Docker({ socketPath: await hungEngine(t) }), 200)
  const wait = docker.getContainer('abc').wait()
  const outcome = await Promise.race([
    wait.then(
      () => 'answered',
      () => 'failed',
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 600)),
  ])
  t.equal(outcome, 'still waiting', 'wait is not cut at the short-request limit')
  await t.rejects(withDockerLimit(wait, 'wait', 100), DockerTimeoutError)
})
