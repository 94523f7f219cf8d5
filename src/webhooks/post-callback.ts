import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import type { PinnedAddress } from './resolve-target.ts'

/** What the receiver's body may be at most before it is no longer read (it is not kept anyway). */
const ANSWER_READ_LIMIT_BYTES = 64 * 1024

/** A lookup that answers every query with the address resolved and checked before: no second resolution. */
function pinnedLookup({ address, family }: PinnedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }
}

/**
 * POSTs one callback to `url`, connecting only to `pinned`; TLS still checks the certificate against the URL's
 * host name. Redirects are not followed. Resolves with the receiver's status; rejects on a connection error
 * or once `timeoutMs` has passed.
 */
export function postCallback(
  url: URL,
  pinned: PinnedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const request = url.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(pinned),
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
    })
    req.on('error', (error) =>
      reject(error.name === 'AbortError' ? new Error(`no answer within ${timeoutMs} ms`) : error),
    )
    req.on('response', (res) => {
      const status = res.statusCode ?? 0
      let read = 0
      res.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read > ANSWER_READ_LIMIT_BYTES) res.destroy()
      })
      res.on('error', () => resolve(status))
      res.on('close', () => resolve(status))
    })
    req.end(body)
  })
}
