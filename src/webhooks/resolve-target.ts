import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { hostOf } from './callback-url.ts'
import { isForbiddenAddress } from './forbidden-addresses.ts'

export interface PinnedAddress {
  address: string
  family: 4 | 6
}

/** The callback's host points where it may not go: retrying will not help. */
export class TargetRefused extends Error {
  override name = 'TargetRefused'
}

/**
 * Resolves a callback URL's host once, to the address the connection will be made to (pinned, so that a second
 * resolution cannot lead elsewhere: DNS rebinding). Every address the name has is checked, not only the one
 * used: a name with one forbidden address is refused whole, unless its host is allowed.
 */
export async function resolveTarget(url: URL, allowHosts: ReadonlySet<string>): Promise<PinnedAddress> {
  const host = hostOf(url.hostname)
  const literal = isIP(host)
  const addresses =
    literal === 0 ? await lookup(host, { all: true, verbatim: true }) : [{ address: host, family: literal as 4 | 6 }]
  const first = addresses[0]
  if (!first) throw new Error(`${host} has no address`)
  if (!allowHosts.has(host)) {
    const refused = addresses.find(({ address }) => isForbiddenAddress(address))
    if (refused) throw new TargetRefused(`${host} resolves to ${refused.address}, a forbidden address`)
  }
  return { address: first.address, family: first.family === 6 ? 6 : 4 }
}
