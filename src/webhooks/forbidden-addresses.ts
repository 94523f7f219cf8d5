import { BlockList, isIP } from 'node:net'

// Where a callback may never go unless an operator allows its host: the machine itself, private networks,
// link-local (cloud metadata at 169.254.169.254 among them), CGNAT, multicast, and the unspecified, reserved and
// documentation ranges. IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are checked against the IPv4 rules.
const FORBIDDEN_IPV4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
]
const FORBIDDEN_IPV6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: an IPv4 address in disguise
  ['fc00::', 7], // unique local (AWS metadata's fd00:ec2::254 among them)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
]

const forbidden = new BlockList()
for (const [network, prefix] of FORBIDDEN_IPV4) forbidden.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of FORBIDDEN_IPV6) forbidden.addSubnet(network, prefix, 'ipv6')

/** True for an IP address a callback may not reach (without an allowance); false for a public one. */
export function isForbiddenAddress(address: string): boolean {
  const version = isIP(address)
  if (version === 0) throw new TypeError(`not an IP address: ${address}`)
  return forbidden.check(address, version === 6 ? 'ipv6' : 'ipv4')
}
