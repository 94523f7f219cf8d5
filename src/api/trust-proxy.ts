import type { FastifyServerOptions } from 'fastify'

/**
 * TRUST_PROXY as Fastify's `trustProxy`: whose X-Forwarded-For decides the client's address. Believing a
 * header any client can write would let each request claim a new address, and a new budget.
 */
export function trustProxyOption(setting: string): FastifyServerOptions['trustProxy'] {
  const value = setting.trim()
  if (value === '' || value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) {
    // The first n hops, counted from this server, are proxies.
    const hops = Number(value)
    return (_address: string, hop: number) => hop < hops
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
}
