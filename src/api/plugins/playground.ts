import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

export const PLAYGROUND_DIST = path.join(import.meta.dirname, '..', '..', 'playground', 'dist')

/**
 * Where the page may load from: this origin only (no CDN, nothing at run time from elsewhere). Styles allow
 * inline because CodeMirror sets style attributes on its own elements.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>LiveCode</title>
<p>The playground is not built. Run <code>make playground</code> (or <code>make up</code>), then reload.
The API itself works: see <a href="/docs">/docs</a>.</p>`

/** The playground page at `/` and its bundle under /playground/, built by src/playground/build.ts. */
export default async function playground(app: FastifyInstance): Promise<void> {
  const indexFile = path.join(PLAYGROUND_DIST, 'index.html')
  const index = existsSync(indexFile) ? readFileSync(indexFile) : undefined
  if (!index) app.log.warn({ dist: PLAYGROUND_DIST }, 'playground not built: `/` explains how to build it')

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff')
    if (!index) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT)
    return reply.header('content-security-policy', PLAYGROUND_CSP).type('text/html; charset=utf-8').send(index)
  })

  if (index) {
    await app.register(fastifyStatic, {
      root: PLAYGROUND_DIST,
      prefix: '/playground/',
      decorateReply: false,
      index: false,
      preCompressed: true,
      cacheControl: true,
      maxAge: 0,
      setHeaders: (reply) => void reply.header('x-content-type-options', 'nosniff'),
    })
  }
}
