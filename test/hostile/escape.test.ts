// Writes outside /tmp, host secrets, what /proc and the environment reveal: a read-only root, a non-root user,
// no host bind mount, no Docker socket, and an environment written by hand (never the worker's own).
import t, { type Test } from 'tap'
import { underGvisor } from '../helpers/runtime.ts'
import { hostileFixture, LANGUAGES, reportLines, startHostileSystem } from './helpers.ts'

const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: '5000' })
/** What the sandbox's environment may hold: the spec's PATH, HOME, LANG, plus Docker's HOSTNAME and the shell's PWD. */
const ALLOWED_ENV = new Set(['PATH', 'HOME', 'LANG', 'HOSTNAME', 'PWD'])

/** Secrets and addresses of the worker (whose process.env this test shares) that must never reach a sandbox. */
function assertMinimalEnv(t: Test, keys: string[]): void {
  for (const key of keys) t.ok(ALLOWED_ENV.has(key), `environment variable ${key} is one of the minimal set`)
  for (const secret of ['DATABASE_URL', 'REDIS_URL', 'DOCKER_HOST', 'PGPASSWORD', 'AWS_SECRET_ACCESS_KEY'])
    t.notOk(keys.includes(secret), `no ${secret}`)
  t.ok(keys.includes('PATH') && keys.includes('HOME') && keys.includes('LANG'), 'PATH, HOME and LANG are set')
}

const files = { python: 'escape.py', javascript: 'escape.js', cpp: 'escape.cpp' } as const

for (const language of LANGUAGES) {
  t.test(
    `${language}: writes outside /tmp fail, /etc/shadow is unreadable, no Docker socket, minimal env`,
    async (t) => {
      const execution = await system.run(language, hostileFixture(language, files[language]))
      t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 })
      const report = reportLines(execution.stdout)
      const writes = [...report].filter(([label]) => label.startsWith('write '))
      t.ok(writes.length >= 5, `${writes.length} writes outside /tmp tried`)
      for (const [label, result] of writes)
        t.match(result, /^blocked: (Read-only file system|EROFS|Permission denied|EACCES)$/, label)
      t.match(report.get('read /etc/shadow'), /^blocked: (Permission denied|EACCES)$/)
      t.equal(report.get('socket /var/run/docker.sock'), 'absent')
      assertMinimalEnv(t, (report.get('env keys') ?? '').split(','))
      await system.afterwards(t, language)
    },
  )
}

t.test('python: what /proc, the mounts and /dev reveal', async (t) => {
  const execution = await system.run('python', hostileFixture('python', 'escape.py'))
  t.match(execution, { status: 'COMPLETED', exit_code: 0 })
  const report = reportLines(execution.stdout)
  for (const path of ['/etc/gshadow', '/root/.bashrc'])
    t.equal(report.get(`read ${path}`), 'blocked: Permission denied', `read ${path}`)
  t.equal(report.get('read /proc/kcore'), 'blocked: No such file or directory', 'Docker masks /proc/kcore')
  t.equal(report.get('socket /run/docker.sock'), 'absent')
  t.equal(report.get('socket /run/containerd/containerd.sock'), 'absent')
  t.equal(report.get('pid 1'), '/usr/local/bin/livecode-run', 'pid 1 is the runner: its own pid namespace')
  // The runner (the container's init: it reaps, watches its worker and reports the run's usage) and the
  // program: nothing of the host.
  t.strictSame(
    (report.get('processes') ?? '').split(',').sort(),
    ['livecode-run', 'python3'],
    'only the sandbox’s own processes are visible',
  )
  t.equal(report.get('pids'), '2')
  // The runner is not dumpable: its memory (the nonce of its lines) is not the program's; nor, under runc, its
  // environment, maps and files (gVisor's /proc shows those to the same user, dumpable or not).
  t.match(
    report.get('runner /proc/1/mem'),
    /^blocked: (Permission denied|Operation not permitted|Input\/output error)$/,
  )
  if (!underGvisor()) {
    t.equal(report.get('read /proc/1/environ'), 'blocked: Permission denied')
    for (const path of ['/proc/1/maps', '/proc/1/fd'])
      t.equal(report.get(`runner ${path}`), 'blocked: Permission denied', `runner ${path}`)
  }
  // Writable: only the size-capped tmpfs mounts, and kernel or engine mounts an unprivileged user cannot write to.
  const writable = (report.get('writable mounts') ?? '').split(',')
  t.ok(writable.includes('/tmp(tmpfs)'))
  for (const mount of writable)
    t.match(
      mount,
      /^\/(tmp|dev|dev\/shm|dev\/mqueue|dev\/pts|proc|proc\/\w+|sys\/fs\/cgroup)\((tmpfs|mqueue|devpts|proc)\)$/,
      `no host path is mounted writable: ${mount}`,
    )
  t.equal(report.get('write /dev/escape'), 'blocked: Permission denied')
  t.match(report.get('write /proc/sys/kernel/core_pattern'), /^blocked: (Read-only file system|Permission denied)$/)
  // gVisor's /dev is its own: it serves fuse and net/tun itself (no host device behind them) and has no mqueue.
  t.equal(
    report.get('devices'),
    underGvisor()
      ? 'fd,full,fuse,net,null,ptmx,pts,random,shm,stderr,stdin,stdout,tty,urandom,zero'
      : 'fd,full,mqueue,null,ptmx,pts,random,shm,stderr,stdin,stdout,tty,urandom,zero',
    'only the runtime’s default harmless devices, none added',
  )
  await system.afterwards(t, 'python')
})
