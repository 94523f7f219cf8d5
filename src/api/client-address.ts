import { isIPv6 } from 'node:net'

/**
 * The address part of a client's identity. IPv4 addresses count one by one; an IPv6 client counts by its /64
 * prefix, because a single host is commonly given a whole /64 and could otherwise take a fresh address, and so
 * a fresh budget, for every request. IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped?.[1]) return mapped[1]
  if (!isIPv6(ip)) return ip
  const groups = expandIPv6(ip)
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** The eight groups of an IPv6 address, lower case, without leading zeros (a zone id is dropped). */
function expandIPv6(ip: string): string[] {
  const [address = ''] = ip.split('%')
  const [head = '', tail] = address.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':'))
  let left = parse(head)
  let right = tail === undefined ? [] : parse(tail)
  // An embedded IPv4 tail (::1.2.3.4) is two groups.
  const last = (right.length > 0 ? right : left).at(-1) ?? ''
  if (last.includes('.')) {
    const bytes = last.split('.').map(Number)
    const words = [((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0), ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)]
    const replaced = words.map((word) => word.toString(16))
    if (right.length > 0) right = [...right.slice(0, -1), ...replaced]
    else left = [...left.slice(0, -1), ...replaced]
  }
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill('0')
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16))
}
