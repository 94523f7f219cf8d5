import t from 'tap'
import { anonymousExposure, isLoopbackHost } from '../../src/api/anonymous-exposure.ts'

t.test('loopback is this machine only: 127.0.0.0/8, ::1, their mapped form, localhost', async (t) => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', 'localhost'])
    t.ok(isLoopbackHost(host), host)
  for (const host of ['0.0.0.0', '::', '10.0.0.5', '198.51.100.1', '::ffff:10.0.0.1', 'api.example.invalid', ''])
    t.notOk(isLoopbackHost(host), host)
})

t.test('a reachable HOST without keys is refused, saying why and the three ways out', async (t) => {
  const refusal = anonymousExposure({ HOST: '0.0.0.0', API_KEYS_REQUIRED: false, ALLOW_ANONYMOUS: false })
  t.match(
    refusal,
    /refusing to listen on HOST=0\.0\.0\.0 without API keys: anyone who reaches that address could run code/,
  )
  t.match(refusal, /API_KEYS_REQUIRED=true/)
  t.match(refusal, /127\.0\.0\.1/)
  t.match(refusal, /ALLOW_ANONYMOUS=true/)
  t.equal(anonymousExposure({ HOST: '0.0.0.0', API_KEYS_REQUIRED: true, ALLOW_ANONYMOUS: false }), null, 'keys')
  t.equal(anonymousExposure({ HOST: '::', API_KEYS_REQUIRED: false, ALLOW_ANONYMOUS: true }), null, 'on purpose')
  t.equal(anonymousExposure({ HOST: '127.0.0.1', API_KEYS_REQUIRED: false, ALLOW_ANONYMOUS: false }), null)
})
