// A worker whose engine does not answer takes no runs (they wait for a worker whose engine does).
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Docker from 'dockerode'
import { pino } from 'pino'
import t from 'tap'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'
import { startEngineGate } from '../../src/worker/engine-gate.ts'

function fakeWorker() {
  const calls: string[] = []
  return {
    calls,
    pause: async () => {
      calls.push('pause')
    },
    resume: () => {
      calls.push('resume')
    },
  }
}

t.test('a hung engine pauses the worker; an answering one never does', async (t) => {
  const socketPath = join(tmpdir(), `livecode-gate-${process.pid}-${Date.now()}.sock`)
  const held: Socket[] = []
  const server = createServer((socket) => {
    held.push(socket)
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  t.teardown(() => {
    for (const socket of held) socket.destroy()
    server.close()
  })
  const hung = fakeWorker()
  const healthy = fakeWorker()
  const logger = pino({ level: 'silent' })
  const stops = [
    startEngineGate(new Docker({ socketPath }), hung, 200, logger),
    startEngineGate(createDockerClient(), healthy, 200, logger),
  ]
  t.teardown(() => {
    for (const stop of stops) stop()
  })
  const deadline = Date.now() + 10_000
  while (hung.calls.length === 0 && Date.now() < deadline) await sleep(100)
  t.strictSame(hung.calls, ['pause'], 'paused once, within the ping limit')
  t.strictSame(healthy.calls, [])
})
