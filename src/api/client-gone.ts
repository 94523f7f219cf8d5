import type { FastifyReply } from 'fastify'

/**
 * A signal that aborts if the client goes away before its response is sent: what a request waits on stops with it.
 * A response that was sent closes the connection too; that aborts nothing (aborting builds an error and its stack).
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const gone = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded) gone.abort()
  })
  return gone.signal
}
