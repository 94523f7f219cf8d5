import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A callback receiver on a loopback address: answers each POST with the next status of `statuses` (then 200). */
export async function startReceiver(t: Test, statuses: number[] = []) {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(statuses.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hook`, port, received }
}

/** A receiver that takes each request and never answers it: every try waits out WEBHOOK_TIMEOUT_MS. */
export async function startSilentReceiver(t: Test) {
  const requests: IncomingMessage[] = []
  const server = createServer((req) => {
    requests.push(req)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  /** Stops listening and drops the requests it holds, so that the tries end (and the worker can stop at once). */
  const hangUp = () => {
    if (server.listening) server.close()
    server.closeAllConnections()
  }
  t.teardown(hangUp)
  return { url: `http://127.0.0.1:${port}/silent`, requests, hangUp }
}

/** What a receiver does (the docs' receiver): check the HMAC of "t.body" and that t is recent. */
export function verifySignature(header: string | undefined, body: string, secret: string, maxAgeSeconds = 300) {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match) return false
  const [, t, v1] = match as unknown as [string, string, string]
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest()
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= maxAgeSeconds
  return fresh && timingSafeEqual(expected, Buffer.from(v1, 'hex'))
}
