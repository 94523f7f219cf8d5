import t from 'tap'
import { addressKey } from '../../src/api/client-address.ts'
import { trustProxyOption } from '../../src/api/trust-proxy.ts'

t.test('IPv4 addresses count one by one; IPv6 by /64; IPv4-mapped as IPv4', async (t) => {
  t.equal(addressKey('127.0.0.2'), '127.0.0.2')
  t.equal(addressKey('::ffff:198.51.100.7'), '198.51.100.7')
  t.equal(addressKey('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64')
  t.equal(addressKey('2001:DB8:1:2::ffff'), '2001:db8:1:2::/64', 'any spelling, any host part')
  t.equal(addressKey('2001:0db8:0001:0002:aaaa::1'), '2001:db8:1:2::/64')
  t.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64')
  t.equal(addressKey('::1'), '0:0:0:0::/64')
  t.equal(addressKey('fe80::1%eth0'), 'fe80:0:0:0::/64')
})

t.test('TRUST_PROXY values', async (t) => {
  t.equal(trustProxyOption(''), false)
  t.equal(trustProxyOption('false'), false)
  t.equal(trustProxyOption('true'), true)
  t.same(trustProxyOption('10.0.0.1, 10.1.0.0/16'), ['10.0.0.1', '10.1.0.0/16'])
  const hops = trustProxyOption('2') as (address: string, hop: number) => boolean
  t.same([hops('x', 0), hops('x', 1), hops('x', 2)], [true, true, false])
})
