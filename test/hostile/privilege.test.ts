// Privilege: a non-root user (a uid of its own per run, from the sandbox range), every capability dropped,
// no-new-privileges, LiveCode's seccomp filter (Docker's default less AIO, io_uring, keyrings, ptrace), no setuid
// binary in the images, no way into root or into new namespaces.
import t, { type Test } from 'tap'
import { SANDBOX_UID_RANGE } from '../../src/sandbox/container-spec.ts'
import { underGvisor } from '../helpers/runtime.ts'
import { assertTimedOut, hostileFixture, reportLines, startHostileSystem } from './helpers.ts'

// The Python probe walks the whole root filesystem (find -perm /6000): under gVisor on a slowed host that alone
// took over 5 s once (6.9 s in all, against 3.3 s an hour earlier on the same machine).
const TIMEOUT_MS = underGvisor() ? 15_000 : 5000
const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: String(TIMEOUT_MS) })
/**
 * Under gVisor the program talks to gVisor's kernel, not the host's: the seccomp profile is not loaded inside
 * (runsc without --oci-seccomp; the Sentry itself runs under its own host seccomp filter), so unshare and chroot
 * succeed, into namespaces of gVisor's kernel that hold nothing of the host. Its /proc/self/status has no CapAmb
 * or NoNewPrivs lines; prctl says no_new_privs is set.
 */
const GVISOR = underGvisor()
const ESCAPES_INTO_GVISOR = ['unshare user namespace', 'unshare mount namespace', 'chroot']

/** "uid=N euid=N gid=N…" with one N from the sandbox range; returns N. */
function sandboxIds(t: Test, ids: string | undefined, rest = ''): number {
  const match = new RegExp(`^uid=(\\d+) euid=\\1 gid=\\1${rest}$`).exec(ids ?? '')
  t.ok(match, `one sandbox uid, the same gid${rest ? ', no extra groups' : ''}: ${ids}`)
  const uid = Number(match?.[1])
  t.ok(uid >= SANDBOX_UID_RANGE.first && uid < SANDBOX_UID_RANGE.first + SANDBOX_UID_RANGE.count, 'from the range')
  return uid
}

t.test(
  'python: a sandbox uid, no capabilities, NoNewPrivs, seccomp filter, no setuid files, su/sudo fail',
  async (t) => {
    const execution = await system.run('python', hostileFixture('python', 'privilege.py'))
    t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 }, execution.stderr)
    const report = reportLines(execution.stdout)
    const uid = sandboxIds(t, report.get('ids'), ' groups=\\[(\\d+)\\]')
    t.equal(report.get('ids'), `uid=${uid} euid=${uid} gid=${uid} groups=[${uid}]`, 'not root, no extra groups')
    for (const set of GVISOR
      ? ['CapInh', 'CapPrm', 'CapEff', 'CapBnd']
      : ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb'])
      t.equal(report.get(set), '0000000000000000', `${set} is empty`)
    t.equal(report.get('no_new_privs'), '1', 'no-new-privileges: exec can never raise privileges')
    if (!GVISOR) t.equal(report.get('Seccomp'), '2', 'seccomp in filter mode')
    else t.equal(report.get('Seccomp'), '0', 'gVisor: the seccomp profile is not loaded inside the sandbox')
    t.equal(report.get('setuid files'), 'none', 'find / -xdev -perm /6000 finds nothing')
    t.match(report.get('su'), /^(absent|exit [1-9]\d* stdout='')$/, 'su cannot become root')
    t.match(report.get('sudo'), /^(absent|exit [1-9]\d* stdout='')$/, 'sudo cannot become root')
    for (const probe of ['setuid(0)', 'unshare user namespace', 'unshare mount namespace', 'mount tmpfs', 'chroot']) {
      const expected = GVISOR && ESCAPES_INTO_GVISOR.includes(probe) ? 'succeeded' : 'blocked: Operation not permitted'
      t.equal(report.get(probe), expected, probe)
    }
    await system.afterwards(t, 'python')
  },
)

t.test('cpp: setuid(0), setgid(0), unshare(CLONE_NEWUSER), mount, chroot all fail with EPERM', async (t) => {
  const execution = await system.run('cpp', hostileFixture('cpp', 'privilege.cpp'))
  t.match(execution, { status: 'COMPLETED', exit_code: 0 }, execution.stderr)
  const report = reportLines(execution.stdout)
  sandboxIds(t, report.get('ids'))
  for (const probe of ['setuid(0)', 'setgid(0)', 'unshare user namespace', 'mount tmpfs', 'chroot']) {
    const expected = GVISOR && ESCAPES_INTO_GVISOR.includes(probe) ? 'succeeded' : 'blocked: Operation not permitted'
    t.equal(report.get(probe), expected, probe)
  }
  await system.afterwards(t, 'cpp')
})

t.test('javascript: process.setuid(0) and setgid(0) fail', async (t) => {
  const execution = await system.run('javascript', hostileFixture('javascript', 'privilege.js'))
  t.match(execution, { status: 'COMPLETED', exit_code: 0 }, execution.stderr)
  const report = reportLines(execution.stdout)
  sandboxIds(t, report.get('ids'))
  t.match(report.get('setuid(0)'), /^blocked: /)
  t.match(report.get('setgid(0)'), /^blocked: /)
  await system.afterwards(t, 'javascript')
})

t.test(
  'ptrace is refused (ENOSYS under runc): a program cannot stop its init or its timer; the wall clock ends the run',
  async (t) => {
    // gVisor ignores the seccomp profile; there, ptrace reaches only processes of the same sandbox.
    const execution = await system.run(
      'python',
      'import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\nresult = libc.ptrace(16, 1, None, None)\nprint("ptrace attach pid 1:", result, os.strerror(ctypes.get_errno()) if result else "", flush=True)\nimport time\ntime.sleep(100000)',
    )
    const refused =
      system.config.CONTAINER_RUNTIME === 'runc'
        ? /^ptrace attach pid 1: -1 Function not implemented\n$/
        : /^ptrace attach pid 1: /
    t.match(execution.stdout, refused)
    assertTimedOut(t, execution, TIMEOUT_MS)
    await system.afterwards(t, 'python')
  },
)
