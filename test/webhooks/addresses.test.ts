// The SSRF rules and the pinned connection, without the rest of the stack.
import t from 'tap'
import { callbackUrlProblem, parseAllowHosts } from '../../src/webhooks/callback-url.ts'
import { isForbiddenAddress } from '../../src/webhooks/forbidden-addresses.ts'
import { postCallback } from '../../src/webhooks/post-callback.ts'
import { resolveTarget, TargetRefused } from '../../src/webhooks/resolve-target.ts'
import { signatureHeader } from '../../src/webhooks/signature.ts'
import { callbackAttempts } from '../../src/webhooks/webhooks-queue.ts'
import { startReceiver, verifySignature } from './receiver.ts'

t.test('forbidden and public addresses', async (t) => {
  const forbidden = [
    '0.0.0.0',
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '169.254.169.254',
    '224.0.0.251',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fd00:ec2::254',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
  ]
  for (const address of forbidden) t.ok(isForbiddenAddress(address), `${address} is forbidden`)
  const allowed = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']
  for (const address of allowed) t.notOk(isForbiddenAddress(address), `${address} is public`)
  t.throws(() => isForbiddenAddress('example.com'), TypeError)
})

t.test('WEBHOOK_ALLOW_HOSTS exempts exactly the hosts it names', async (t) => {
  const allow = parseAllowHosts(' 127.0.0.1, [::1],Receiver.internal ,')
  t.same([...allow], ['127.0.0.1', '::1', 'receiver.internal'])
  t.equal(callbackUrlProblem('http://127.0.0.1:8080/hook', allow), null)
  t.equal(callbackUrlProblem('http://[::1]:8080/hook', allow), null)
  t.match(callbackUrlProblem('http://127.0.0.2/hook', allow), /loopback/)
  t.equal(callbackUrlProblem('https://hooks.example.com/a?b=c', new Set()), null)
})

t.test('a name is resolved once and checked in all its addresses', async (t) => {
  await t.rejects(resolveTarget(new URL('http://localhost/'), new Set()), TargetRefused)
  const pinned = await resolveTarget(new URL('http://localhost/'), new Set(['localhost']))
  t.ok(['127.0.0.1', '::1'].includes(pinned.address), `allowed: pinned to ${pinned.address}`)
  t.same(await resolveTarget(new URL('http://[2606:4700:4700::1111]/'), new Set()), {
    address: '2606:4700:4700::1111',
    family: 6,
  })
})

t.test('the connection goes to the pinned address, whatever the name would resolve to', async (t) => {
  const receiver = await startReceiver(t, [204])
  // `.invalid` never resolves (RFC 6761): reaching the receiver proves nothing looked the name up again.
  const url = new URL(`http://callback.invalid:${receiver.port}/hook`)
  const body = '{"a":1}'
  const header = signatureHeader('s3cret', body, Math.floor(Date.now() / 1000))
  const status = await postCallback(
    url,
    { address: '127.0.0.1', family: 4 },
    { 'livecode-signature': header },
    body,
    5000,
  )
  t.equal(status, 204)
  t.equal(receiver.received[0]?.headers.host, `callback.invalid:${receiver.port}`, 'the Host header keeps the name')
  t.ok(verifySignature(receiver.received[0]?.headers['livecode-signature'] as string, body, 's3cret'))
  const stale = signatureHeader('s3cret', body, Math.floor(Date.now() / 1000) - 3600)
  t.notOk(verifySignature(stale, body, 's3cret'), 'an hour-old signature is a replay')
  await t.rejects(
    postCallback(new URL('http://callback.invalid:9/'), { address: '127.0.0.1', family: 4 }, {}, body, 5000),
    /ECONNREFUSED/,
  )
})

t.test('exponential backoff fits its tries into the retry window', async (t) => {
  t.equal(callbackAttempts(10_000, 24 * 3600 * 1000), 14, 'the defaults: 14 tries over 22.8 h')
  t.equal(callbackAttempts(200, 3000), 5, '200 ms doubling: 200+400+800+1600 = 3000 ms')
  t.equal(callbackAttempts(1000, 0), 1, 'no window: one try')
})
