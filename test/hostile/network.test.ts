// Every way out to a network: the sandbox has network mode none, so only its own loopback exists. Outside
// addresses fail at once (no route: nothing is ever sent), and 127.0.0.1 is the container's own loopback, where the
// host's PostgreSQL and Redis are not. No traffic leaves the host: the container has no interface to send it on.
import { connect } from 'node:net'
import t, { type Test } from 'tap'
import { underGvisor } from '../helpers/runtime.ts'
import { hostileFixture, LANGUAGES, type Language, reportLines, startHostileSystem } from './helpers.ts'

const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: '10000' })
const files = { python: 'network.py', javascript: 'network.js', cpp: 'network.cpp' } as const

// gVisor's own network stack (runsc --network=none: loopback only) says "no route to host" where Linux says
// "network is unreachable": the same nothing-is-sent, each runtime held to its own word.
const UNREACHABLE = underGvisor()
  ? /^blocked: (No route to host|EHOSTUNREACH)$/
  : /^blocked: (Network is unreachable|ENETUNREACH)$/
const REFUSED = /^blocked: (Connection refused|ECONNREFUSED)$/
// The probes aim at reserved targets (198.51.100.1 is TEST-NET-2, `.invalid` never resolves): nothing real is
// contacted even if isolation failed. A resolver that answered would say "no such name" (ENOTFOUND); only
// "temporary failure" (EAI_AGAIN) shows that no resolver could be reached at all.
const NO_DNS = /^blocked: (EAI_AGAIN|Temporary failure in name resolution)$/

function assertNoWayOut(t: Test, language: Language, stdout: string): void {
  const report = reportLines(stdout)
  t.notMatch(stdout, /OPEN/, 'no probe got through')
  t.match(report.get('tcp 198.51.100.1:80'), UNREACHABLE, 'TCP to an outside address')
  t.match(report.get('tcp 169.254.169.254:80'), UNREACHABLE, 'TCP to the cloud metadata address')
  t.match(report.get('tcp 127.0.0.1:5432'), REFUSED, 'the host’s PostgreSQL port is the container’s own, closed')
  t.match(report.get('tcp 127.0.0.1:6379'), REFUSED, 'the host’s Redis port is the container’s own, closed')
  t.match(report.get('udp 198.51.100.1:53'), UNREACHABLE, 'UDP send')
  t.match(report.get('dns example.invalid'), NO_DNS, 'DNS resolution')
  if (language !== 'cpp') t.equal(report.get('interfaces'), 'lo', 'only the loopback interface exists')
}

/** From the host (loopback only): is anything listening there? Proves a refusal inside means isolation. */
function hostLoopbackOpen(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 2000 })
    const done = (open: boolean) => {
      socket.destroy()
      resolve(open)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.once('timeout', () => done(false))
  })
}

// The probes inside aim at 127.0.0.1:5432 and :6379, where `make test` runs PostgreSQL and Redis on the host: a
// refusal inside proves isolation only if the same ports are open on the host's loopback, so that is asserted.
t.test('control: the host itself listens on the loopback ports the probes aim at', async (t) => {
  for (const port of [5432, 6379]) {
    t.ok(await hostLoopbackOpen(port), `host 127.0.0.1:${port} is open (a refusal inside is the sandbox’s doing)`)
  }
})

for (const language of LANGUAGES) {
  t.test(`${language}: TCP, UDP, DNS, host database ports and the metadata address all fail at once`, async (t) => {
    const execution = await system.run(language, hostileFixture(language, files[language]))
    t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 })
    assertNoWayOut(t, language, execution.stdout)
    t.ok(execution.duration_ms < 5000, `every probe failed immediately, no timeouts (${execution.duration_ms} ms)`)
    await system.afterwards(t, language)
  })
}

t.test(
  'python: private ranges, the Docker bridge, IPv6 loopback, raw sockets; /sys/class/net and /proc/net/dev',
  async (t) => {
    const execution = await system.run('python', hostileFixture('python', 'network.py'))
    t.match(execution, { status: 'COMPLETED', exit_code: 0 })
    const report = reportLines(execution.stdout)
    t.match(report.get('tcp 10.0.0.1:80'), UNREACHABLE)
    t.match(
      report.get('tcp 172.17.0.1:2375'),
      UNREACHABLE,
      'the Docker bridge gateway (a TCP Docker API) is unreachable',
    )
    t.match(
      report.get('tcp [::1]:5432'),
      /^blocked: (Connection refused|Cannot assign requested address|Address family.*)$/,
    )
    t.match(report.get('udp 169.254.169.254:53'), UNREACHABLE)
    t.equal(report.get('raw packet socket'), 'blocked: Operation not permitted', 'no CAP_NET_RAW')
    t.equal(report.get('proc net dev'), 'lo')
    await system.afterwards(t, 'python')
  },
)
