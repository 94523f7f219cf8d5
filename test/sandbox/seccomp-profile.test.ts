import t from 'tap'
import { DENIED_SYSCALLS, SANDBOX_SECCOMP_PROFILE, SECCOMP_SECURITY_OPT } from '../../src/sandbox/seccomp-profile.ts'

const allowed = SANDBOX_SECCOMP_PROFILE.syscalls.filter((rule) => rule.action === 'SCMP_ACT_ALLOW')

t.test(
  'what reaches host-wide pools, keyrings or other processes is never allowed, and fails with ENOSYS',
  async (t) => {
    const allowedNames = new Set(allowed.flatMap((rule) => rule.names))
    t.strictSame(
      DENIED_SYSCALLS.filter((name) => allowedNames.has(name)),
      [],
    )
    const denied = SANDBOX_SECCOMP_PROFILE.syscalls.find((rule) => rule.names === DENIED_SYSCALLS)
    t.match(denied, { action: 'SCMP_ACT_ERRNO', errnoRet: 38 })
    for (const name of ['io_setup', 'io_submit', 'io_uring_setup', 'io_uring_enter', 'keyctl', 'add_key', 'ptrace'])
      t.ok(DENIED_SYSCALLS.includes(name as never), `${name} denied`)
  },
)

t.test('everything not allowed fails with EPERM; no namespaces, no vsock, native architectures only', async (t) => {
  t.equal(SANDBOX_SECCOMP_PROFILE.defaultAction, 'SCMP_ACT_ERRNO')
  t.equal(SANDBOX_SECCOMP_PROFILE.defaultErrnoRet, 1)
  const allowedNames = new Set(allowed.flatMap((rule) => rule.names))
  for (const name of [
    'mount',
    'unshare',
    'setns',
    'bpf',
    'perf_event_open',
    'userfaultfd',
    'kexec_load',
    'init_module',
  ])
    t.notOk(allowedNames.has(name), `${name} is not allowed`)
  t.match(
    allowed.find((rule) => rule.names.includes('clone')),
    { args: [{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] },
  )
  t.match(
    allowed.find((rule) => rule.names.includes('socket')),
    { args: [{ index: 0, value: 40, op: 'SCMP_CMP_NE' }] },
  )
  t.ok(SANDBOX_SECCOMP_PROFILE.archMap.every((entry) => entry.subArchitectures === null))
})

t.test('handed to the engine as JSON content, the form the Docker API takes', async (t) => {
  t.ok(SECCOMP_SECURITY_OPT.startsWith('seccomp={'))
  t.strictSame(JSON.parse(SECCOMP_SECURITY_OPT.slice('seccomp='.length)), SANDBOX_SECCOMP_PROFILE)
})
