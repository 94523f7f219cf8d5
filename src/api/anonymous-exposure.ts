// The API refuses to serve an unauthenticated code runner to a network unless told to on purpose.
import { BlockList, isIP } from 'node:net'
import type { Config } from '../config.ts'

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6')

/** Only this machine can reach the address: a loopback address, or `localhost`. Anything else may face a network. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true
  const family = isIP(host)
  return family !== 0 && loopback.check(host, family === 4 ? 'ipv4' : 'ipv6')
}

/** Why the API must not start with these settings, or null when it may. */
export function anonymousExposure(
  config: Pick<Config, 'HOST' | 'API_KEYS_REQUIRED' | 'ALLOW_ANONYMOUS'>,
): string | null {
  if (config.API_KEYS_REQUIRED || config.ALLOW_ANONYMOUS || isLoopbackHost(config.HOST)) return null
  return (
    `refusing to listen on HOST=${config.HOST} without API keys: anyone who reaches that address could run code here. ` +
    'Require keys (API_KEYS_REQUIRED=true; make api-key NAME=… makes one), listen on 127.0.0.1 (HOST unset), ' +
    'or set ALLOW_ANONYMOUS=true to serve anonymous clients on purpose.'
  )
}
