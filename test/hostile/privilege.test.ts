// Privilege: a non-root user (10001), every capability dropped, no-new-privileges, the engine's default seccomp
// filter, no setuid binary in the images, no way into root or into new namespaces.
import t from 'tap'
import { hostileFixture, reportLines, startHostileSystem } from './helpers.ts'

const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: '5000' })

t.test('python: uid 10001, no capabilities, NoNewPrivs, seccomp filter, no setuid files, su/sudo fail', async (t) => {
  const execution = await system.run('python', hostileFixture('python', 'privilege.py'))
  t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 }, execution.stderr)
  const report = reportLines(execution.stdout)
  t.equal(report.get('ids'), 'uid=10001 euid=10001 gid=10001 groups=[10001]', 'not root, no extra groups')
  for (const set of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb'])
    t.equal(report.get(set), '0000000000000000', `${set} is empty`)
  t.equal(report.get('NoNewPrivs'), '1', 'no-new-privileges: exec can never raise privileges')
  t.equal(report.get('Seccomp'), '2', 'seccomp in filter mode: the engine’s default profile is on')
  t.equal(report.get('setuid files'), 'none', 'find / -xdev -perm /6000 finds nothing')
  t.match(report.get('su'), /^(absent|exit [1-9]\d* stdout='')$/, 'su cannot become root')
  t.match(report.get('sudo'), /^(absent|exit [1-9]\d* stdout='')$/, 'sudo cannot become root')
  for (const probe of ['setuid(0)', 'unshare user namespace', 'unshare mount namespace', 'mount tmpfs', 'chroot'])
    t.equal(report.get(probe), 'blocked: Operation not permitted', probe)
  await system.afterwards(t, 'python')
})

t.test('cpp: setuid(0), setgid(0), unshare(CLONE_NEWUSER), mount, chroot all fail with EPERM', async (t) => {
  const execution = await system.run('cpp', hostileFixture('cpp', 'privilege.cpp'))
  t.match(execution, { status: 'COMPLETED', exit_code: 0 }, execution.stderr)
  const report = reportLines(execution.stdout)
  t.equal(report.get('ids'), 'uid=10001 euid=10001 gid=10001')
  for (const probe of ['setuid(0)', 'setgid(0)', 'unshare user namespace', 'mount tmpfs', 'chroot'])
    t.equal(report.get(probe), 'blocked: Operation not permitted', probe)
  await system.afterwards(t, 'cpp')
})

t.test('javascript: process.setuid(0) and setgid(0) fail', async (t) => {
  const execution = await system.run('javascript', hostileFixture('javascript', 'privilege.js'))
  t.match(execution, { status: 'COMPLETED', exit_code: 0 }, execution.stderr)
  const report = reportLines(execution.stdout)
  t.equal(report.get('ids'), 'uid=10001 euid=10001 gid=10001')
  t.match(report.get('setuid(0)'), /^blocked: /)
  t.match(report.get('setgid(0)'), /^blocked: /)
  await system.afterwards(t, 'javascript')
})

t.test(
  'documented: the init runs as the same user, so a program may ptrace-stop it; the wall clock still ends the run',
  async (t) => {
    // Not a way out (the init has no more privilege than the program), only a way to hang its own run, which the
    // worker's wall-clock SIGKILL to the whole container ends like any other.
    const execution = await system.run(
      'python',
      'import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\nprint("ptrace attach pid 1:", libc.ptrace(16, 1, None, None), flush=True)\nimport time\ntime.sleep(100000)',
    )
    t.match(execution, { status: 'TIMEOUT', failure_reason: null, stdout: /^ptrace attach pid 1: (0|-1)\n$/ })
    t.ok(execution.duration_ms < 5000 + 3000, `ended at the wall clock (${execution.duration_ms} ms)`)
    await system.afterwards(t, 'python')
  },
)
