import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import t, { type Test } from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { uniqueQueueName } from '../helpers/redis.ts'

const SERVER = new URL('../../src/api/server.ts', import.meta.url).pathname

function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

async function listeningAddress(server: ChildProcess): Promise<string> {
  if (!server.stdout) throw new Error('no stdout')
  for await (const line of createInterface({ input: server.stdout })) {
    const match = /listening at (http:\/\/[^"\s]+)/.exec(line)
    if (match?.[1]) return match[1]
  }
  throw new Error('the server ended before listening')
}

/** server.ts on a database of its own, once it listens: the process, its end, and its address. */
async function startListening(t: Test, env: Record<string, string> = {}) {
  const database = await createTestDatabase(t)
  const server = startServer({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url,
    QUEUE_NAME: uniqueQueueName('server'),
    ...env,
  })
  const exited = once(server, 'exit')
  t.teardown(() => {
    if (server.exitCode === null) server.kill('SIGKILL')
  })
  return { server, exited, address: await listeningAddress(server) }
}

/** server.ts that is expected not to start: its exit status and what it said. */
async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const server = startServer(env)
  let stderr = ''
  server.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const [code] = await once(server, 'exit')
  return { code, stderr }
}

t.test('server.ts listens, answers, and exits 0 on SIGTERM after draining', async (t) => {
  const { server, exited, address } = await startListening(t)
  const health = await fetch(`${address}/health`)
  t.equal(health.status, 200)
  t.same(await health.json(), { status: 'ok' })
  const created = await fetch(`${address}/code-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'cpp' }),
  })
  t.equal(created.status, 201)

  server.kill('SIGTERM')
  const [code] = await exited
  t.equal(code, 0)
})

t.test('server.ts exits 1 with the message on a bad configuration', async (t) => {
  const { code, stderr } = await refusedStart({ PORT: 'not-a-port' })
  t.equal(code, 1)
  t.match(stderr, /invalid configuration: PORT="not-a-port"/)
})

t.test(
  'server.ts refuses a reachable HOST without API keys, and says why; ALLOW_ANONYMOUS=true lets it listen',
  async (t) => {
    const { code, stderr } = await refusedStart({
      HOST: '0.0.0.0',
      PORT: '0',
      API_KEYS_REQUIRED: '',
      ALLOW_ANONYMOUS: '',
    })
    t.equal(code, 1)
    t.match(stderr, /refusing to listen on HOST=0\.0\.0\.0 without API keys/)

    const { server, exited, address } = await startListening(t, { HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' })
    t.equal((await fetch(`${address}/health`)).status, 200, 'on purpose, it serves')
    server.kill('SIGTERM')
    t.equal((await exited)[0], 0)
  },
)
