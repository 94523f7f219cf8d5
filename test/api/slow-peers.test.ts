// Slow and stuck peers: a drip-fed request is cut off, a silent connection closed, and a hung Redis answers 503.
import { execFileSync } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { startOwnRedis } from '../helpers/servers.ts'
import { createSession, createTestApp, run, startApp, testConfig } from './app-helper.ts'

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('not listening')
  return address.port
}

interface Peer {
  socket: Socket
  received: () => string
  /** Resolves with the milliseconds from `since` to the server closing the connection. */
  closed: Promise<number>
}

async function peer(port: number, localAddress: string): Promise<Peer> {
  const socket = connect({ host: '127.0.0.1', port, localAddress })
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  const since = Date.now()
  let data = ''
  socket.on('data', (chunk) => {
    data += chunk.toString()
  })
  socket.on('error', () => {})
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - since)))
  return { socket, received: () => data, closed }
}

/** Writes one byte every `everyMs` until the connection closes or `bytes` are sent. */
async function drip(socket: Socket, bytes: string, everyMs: number): Promise<number> {
  let sent = 0
  for (const byte of bytes) {
    if (socket.destroyed || socket.writableEnded) break
    socket.write(byte)
    sent++
    await sleep(everyMs)
  }
  return sent
}

t.test('a drip-fed body or header is cut off at HTTP_REQUEST_TIMEOUT_MS; others are served meanwhile', async (t) => {
  const { app } = await createTestApp(t, { HTTP_REQUEST_TIMEOUT_MS: '1000' })
  const port = await listen(app)

  const body = JSON.stringify({ language: 'python', source_code: 'x'.repeat(200) })
  const bodyPeer = await peer(port, '127.0.0.2')
  bodyPeer.socket.write(
    `POST /code-sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
  )
  const headerPeer = await peer(port, '127.0.0.3')
  headerPeer.socket.write('GET /health HTTP/1.1\r\n')
  const silentPeer = await peer(port, '127.0.0.4')

  const dripping = Promise.all([
    drip(bodyPeer.socket, body, 100),
    drip(headerPeer.socket, 'X-Slow: '.padEnd(200, 'a'), 100),
  ])
  // Meanwhile another client is answered at once.
  const other = await fetch(`http://127.0.0.1:${port}/health`)
  t.equal(other.status, 200, 'another client is served while three connections stall')

  const [bodyMs, headerMs, silentMs] = await Promise.all([bodyPeer.closed, headerPeer.closed, silentPeer.closed])
  const [bodyBytes, headerBytes] = await dripping
  for (const [name, ms, sent, total] of [
    ['drip-fed body', bodyMs, bodyBytes, body.length],
    ['drip-fed headers', headerMs, headerBytes, 200],
  ] as const) {
    t.ok(ms < 8000, `${name}: closed after ${ms} ms (limit 1000 ms, checked every second; the drip needs 20 s)`)
    t.ok(sent < total, `${name}: cut off after ${sent} of ${total} bytes`)
  }
  t.ok(silentMs < 8000, `a connection that sends nothing is closed after ${silentMs} ms`)
  t.match(bodyPeer.received(), /^HTTP\/1\.1 408/, 'the drip-fed request is told 408')
  const [, json = ''] = bodyPeer.received().split('\r\n\r\n')
  t.same(JSON.parse(json), {
    error: { code: 'request_timeout', message: 'the request was not received in time' },
  })

  const garbage = await peer(port, '127.0.0.5')
  garbage.socket.write('NOT HTTP AT ALL\r\n\r\n')
  await garbage.closed
  t.match(garbage.received(), /^HTTP\/1\.1 400/)
  t.equal(
    JSON.parse(garbage.received().split('\r\n\r\n')[1] ?? '').error.code,
    'validation_error',
    'bytes that are not HTTP: 400',
  )
})

t.test(
  'a hung Redis (stopped, not gone) gives 503 within REDIS_COMMAND_TIMEOUT_MS, not a hanging request',
  async (t) => {
    const redis = await startOwnRedis(t)
    const database = await createTestDatabase(t)
    const app = await startApp(t, testConfig(database.url, { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '500' }))
    const session = await createSession(app)
    t.equal((await run(app, session.session_id)).statusCode, 202, 'accepted while Redis answers')

    const port = new URL(redis.url).port
    const pid = /process_id:(\d+)/.exec(
      execFileSync('redis-cli', ['-p', port, 'info', 'server'], { encoding: 'utf8' }),
    )?.[1]
    if (!pid) throw new Error('no redis pid')
    process.kill(Number(pid), 'SIGSTOP')
    t.teardown(() => {
      try {
        process.kill(Number(pid), 'SIGCONT')
      } catch {}
    })

    for (const [name, request] of [
      ['POST /run', () => run(app, session.session_id)],
      [
        'POST /code-sessions',
        () => app.inject({ method: 'POST', url: '/code-sessions', payload: { language: 'cpp' } }),
      ],
      ['GET /ready', () => app.inject({ method: 'GET', url: '/ready' })],
    ] as const) {
      const started = Date.now()
      const response = await request()
      const ms = Date.now() - started
      t.equal(response.statusCode, 503, name)
      t.equal(response.json().error.code, 'unavailable', name)
      t.ok(ms < 3000, `${name}: answered in ${ms} ms`)
    }
    const read = await app.inject({ method: 'GET', url: `/code-sessions/${session.session_id}` })
    t.equal(read.statusCode, 200, 'what needs only PostgreSQL still works')
    t.equal(read.json().execution_count, 1, 'the refused run left nothing')

    process.kill(Number(pid), 'SIGCONT')
    let recovered = 0
    for (let i = 0; i < 50 && recovered !== 202; i++) {
      recovered = (await run(app, session.session_id)).statusCode
      if (recovered !== 202) await sleep(100)
    }
    t.equal(recovered, 202, 'runs are accepted again once Redis answers')
  },
)
