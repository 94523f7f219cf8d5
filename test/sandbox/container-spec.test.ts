import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import {
  buildContainerSpec,
  SANDBOX_UID_RANGE,
  sandboxContainerOptions,
  sandboxUid,
} from '../../src/sandbox/container-spec.ts'
import { EXECUTION_LABEL, LIFETIME_LABEL, PROBE_LABEL, SANDBOX_LABEL, WORKER_LABEL } from '../../src/sandbox/labels.ts'
import { SECCOMP_SECURITY_OPT } from '../../src/sandbox/seccomp-profile.ts'
import { sandboxSettingsFrom } from '../../src/sandbox/settings-from-config.ts'
import type { SandboxRequest } from '../../src/sandbox/types.ts'

const config = loadConfig({})
const settings = sandboxSettingsFrom(config)
const executionId = '5b0b6f4e-4a55-4c4a-9f0e-7d1b2b8f2a11'

const hostConfig = {
  NetworkMode: 'none',
  Memory: 268435456,
  MemorySwap: 268435456,
  MemorySwappiness: 0,
  NanoCpus: 1000000000,
  PidsLimit: 64,
  ReadonlyRootfs: true,
  Tmpfs: {
    '/tmp': 'rw,exec,nosuid,nodev,size=67108864,mode=1777',
    '/dev/pts': 'ro,nosuid,nodev,noexec,size=4k,mode=0555',
  },
  IpcMode: 'private',
  ShmSize: 1048576,
  CapDrop: ['ALL'],
  SecurityOpt: ['no-new-privileges', SECCOMP_SECURITY_OPT],
  // The runner is the init.
  Init: false,
  Ulimits: [
    { Name: 'nofile', Soft: 256, Hard: 256 },
    { Name: 'core', Soft: 0, Hard: 0 },
    { Name: 'sigpending', Soft: 1024, Hard: 1024 },
    { Name: 'msgqueue', Soft: 819200, Hard: 819200 },
  ],
  LogConfig: { Type: 'none', Config: {} },
  Runtime: 'runc',
  AutoRemove: false,
  Privileged: false,
}

t.test('the exact create options of a C++ run with the default limits', async (t) => {
  const spec = buildContainerSpec(
    settings,
    { executionId, language: 'cpp', sourceCode: 'int main(){}', stdin: '' },
    { workerId: 'worker-1', uid: 1400000000 },
  )
  t.strictSame(spec, {
    Image: 'livecode/cpp',
    Cmd: [
      '/usr/local/bin/livecode-run',
      '--deadline',
      '40',
      '/tmp/main.cpp',
      'g++ -std=c++20 -O2 -pipe -o /tmp/main /tmp/main.cpp',
      '/tmp/main',
    ],
    User: '1400000000:1400000000',
    WorkingDir: '/tmp',
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/tmp', 'LANG=C.UTF-8'],
    Tty: false,
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    NetworkDisabled: true,
    Labels: {
      [EXECUTION_LABEL]: executionId,
      [SANDBOX_LABEL]: 'true',
      [LIFETIME_LABEL]: '85000',
      [WORKER_LABEL]: 'worker-1',
    },
    HostConfig: hostConfig,
  })
})

t.test('an interpreted language has an empty compile command and no worker label without a worker id', async (t) => {
  const spec = buildContainerSpec(settings, { executionId, language: 'python', sourceCode: '', stdin: '' })
  t.strictSame(spec.Cmd, [
    '/usr/local/bin/livecode-run',
    '--deadline',
    '40',
    '/tmp/main.py',
    '',
    'python3',
    '-B',
    '/tmp/main.py',
  ])
  t.strictSame(spec.Labels, { [EXECUTION_LABEL]: executionId, [SANDBOX_LABEL]: 'true', [LIFETIME_LABEL]: '85000' })
  t.equal(spec.Image, 'livecode/python')
  t.strictSame(spec.HostConfig, hostConfig)
})

t.test('limits and runtime come from the settings', async (t) => {
  const spec = buildContainerSpec(
    {
      imagePrefix: 'registry.local/lc',
      runtime: 'runsc',
      limits: {
        timeoutMs: 1000,
        outputLimitBytes: 10,
        memoryBytes: 64 * 1024 * 1024,
        cpus: 0.5,
        pidsLimit: 16,
        tmpSizeBytes: 1024 * 1024,
        nofile: 32,
      },
    },
    { executionId, language: 'javascript', sourceCode: '', stdin: '' },
  )
  t.equal(spec.Image, 'registry.local/lc/javascript')
  t.strictSame(spec.HostConfig, {
    ...hostConfig,
    // Under gVisor the cap also holds the sandbox's own kernel: 32 MiB more, so the program keeps its 64 MiB.
    Memory: 67108864 + 33554432,
    MemorySwap: 67108864 + 33554432,
    NanoCpus: 500000000,
    // Under gVisor the cgroup's pids limit is a ceiling for the Sentry's host tasks; the program's limit is nproc.
    PidsLimit: 16 * 64,
    Tmpfs: { ...hostConfig.Tmpfs, '/tmp': 'rw,exec,nosuid,nodev,size=1048576,mode=1777' },
    Ulimits: [
      { Name: 'nofile', Soft: 32, Hard: 32 },
      ...hostConfig.Ulimits.slice(1),
      { Name: 'nproc', Soft: 16, Hard: 16 },
    ],
    Runtime: 'runsc',
  })
})

t.test(
  'under runc the pids limit is the process limit itself, with no nproc rlimit (it would count host-wide)',
  async (t) => {
    const spec = buildContainerSpec(
      { ...settings, runtime: 'runc' },
      { executionId, language: 'cpp', sourceCode: '', stdin: '' },
    )
    t.equal(spec.HostConfig?.PidsLimit, 64)
    t.notOk(spec.HostConfig?.Ulimits?.some((limit) => limit.Name === 'nproc'))
  },
)

t.test('no request field changes HostConfig, the user, the environment or the image', async (t) => {
  const base: SandboxRequest = { executionId, language: 'python', sourceCode: 'print(1)', stdin: '' }
  const reference = buildContainerSpec(settings, base)
  const hostile: SandboxRequest[] = [
    { ...base, sourceCode: '#!/bin/sh\n--privileged --network host' },
    { ...base, stdin: 'x'.repeat(100_000) },
    { ...base, executionId: 'x" --privileged' },
    { ...base, sourceCode: '\u0000\uFFFF' },
  ]
  for (const request of hostile) {
    const spec = buildContainerSpec(settings, request)
    t.strictSame(spec.HostConfig, reference.HostConfig)
    t.strictSame(spec.Cmd, reference.Cmd)
    t.match(spec.User, /^(\d+):\1$/, 'a numeric uid and the same gid')
    t.strictSame(spec.Env, reference.Env)
    t.equal(spec.Image, reference.Image)
    t.notMatch(
      JSON.stringify(spec),
      /--privileged --network|x{1000}/,
      'the source and stdin never reach the create call',
    )
  }
  for (const language of ['javascript', 'cpp'] as const) {
    t.strictSame(buildContainerSpec(settings, { ...base, language }).HostConfig, reference.HostConfig)
  }
})

t.test('each sandbox gets its own uid from the sandbox range, never root nor an image user', async (t) => {
  const uids = Array.from({ length: 200 }, () => sandboxUid())
  const inRange = (uid: number) =>
    uid >= SANDBOX_UID_RANGE.first && uid < SANDBOX_UID_RANGE.first + SANDBOX_UID_RANGE.count
  t.strictSame(
    uids.filter((uid) => !inRange(uid)),
    [],
    'every uid in the range',
  )
  t.ok(SANDBOX_UID_RANGE.first > 65535 && SANDBOX_UID_RANGE.first + SANDBOX_UID_RANGE.count <= 2 ** 31)
  t.ok(new Set(uids).size > 195, 'practically never the same twice')
  const users = new Set(
    Array.from(
      { length: 20 },
      () => buildContainerSpec(settings, { executionId, language: 'python', sourceCode: '', stdin: '' }).User,
    ),
  )
  t.ok(users.size > 15, 'each container spec gets a fresh uid')
})

t.test(
  'a warm container waiting for its source: the lifetime covers the idle wait, the runner bounds it',
  async (t) => {
    const request: SandboxRequest = { executionId, language: 'python', sourceCode: '', stdin: '' }
    const spec = buildContainerSpec(settings, request, { idleMs: 120_000 })
    t.equal(spec.Labels?.[LIFETIME_LABEL], String(120_000 + 85_000))
    // The run's own deadline counts from its source's first byte: the same as a cold run's.
    t.strictSame(spec.Cmd?.slice(0, 5), ['/usr/local/bin/livecode-run', '--idle', '120', '--deadline', '40'])
  },
)

t.test('every sandbox container, a version probe included, carries the labels the reapers need', async (t) => {
  const probe = sandboxContainerOptions(settings, 'python', {
    cmd: ['python3', '--version'],
    labels: { [PROBE_LABEL]: 'python' },
    openStdin: false,
  })
  t.strictSame(probe.Labels, { [PROBE_LABEL]: 'python', [SANDBOX_LABEL]: 'true', [LIFETIME_LABEL]: '85000' })
  // A plain command has Docker's init as pid 1 (a run's runner is its own).
  t.strictSame(probe.HostConfig, { ...hostConfig, Init: true }, 'and the same restrictive settings as a run')
})
