import { randomInt } from 'node:crypto'
import type { ContainerCreateOptions } from 'dockerode'
import { imageName, type LanguageId, languageOf } from '../languages.ts'
import { SELF_DESTRUCT_GRACE_MS, sandboxLifetimeMs } from './deadline.ts'
import { EXECUTION_LABEL, LIFETIME_LABEL, SANDBOX_LABEL, WORKER_LABEL } from './labels.ts'
import { languageEnv, languageLimits } from './language-limits.ts'
import { cgroupMemoryBytes, processLimit } from './runtime-limits.ts'
import { SECCOMP_SECURITY_OPT } from './seccomp-profile.ts'
import type { SandboxRequest, SandboxSettings } from './types.ts'

export { SELF_DESTRUCT_GRACE_MS } from './deadline.ts'

/**
 * Each sandbox runs as its own uid, picked at random from this range (no passwd entry is needed). The kernel
 * keeps several pools per uid across the whole host (pending signals, inotify instances and watches, POSIX
 * message queue bytes, epoll watches, keys): with one shared uid, one run could drain them for every other run.
 * The range sits above the system and user ranges and the usual /etc/subuid allocations, and below 2^31
 * (signedness); a host must not give it to anything else. Two runs at once share a uid with odds of about 1 in 268 million.
 */
export const SANDBOX_UID_RANGE = { first: 1_342_177_280, count: 268_435_456 } as const

/** A fresh uid for one sandbox (its gid is the same number). */
export function sandboxUid(): number {
  return SANDBOX_UID_RANGE.first + randomInt(SANDBOX_UID_RANGE.count)
}

/** The in-container runner (images/runner/livecode-run). */
const RUNNER_PATH = '/usr/local/bin/livecode-run'
/** Realtime signals one run may have queued (RLIMIT_SIGPENDING, counted per uid). */
const SIGPENDING_LIMIT = 1024
/** Bytes of POSIX message queues one run may hold (RLIMIT_MSGQUEUE, counted per uid; the kernel's default). */
const MSGQUEUE_LIMIT_BYTES = 819_200

/** Written by hand so nothing of the worker's own environment (secrets included) leaks into a sandbox. */
const SANDBOX_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/tmp', 'LANG=C.UTF-8']
/** POSIX shared memory is rarely needed by a single program; keep it from being a second, uncapped /tmp. */
const SHM_SIZE_BYTES = 1024 * 1024

export interface SpecOptions {
  workerId?: string
  /** The run's uid (tests fix it); a fresh random one by default. */
  uid?: number
  /** How long the container may wait for its source before its run starts (a warm pool's bound); 0 by default. */
  idleMs?: number
}

/**
 * Create options for the run of one execution: the source and stdin come later, through the attach stream.
 * The runner is the container's init (images/runner/livecode-run.c): it kills the whole run a grace after the
 * worker's own limit, counted from the first byte of its stdin, and a warm container's runner waits at most its
 * idle bound for that byte. Under runc the program cannot signal an init, but this is still a second line: the
 * deadline that holds whatever happens inside is the lifetime label, enforced from outside by every worker.
 */
export function buildContainerSpec(
  settings: SandboxSettings,
  request: SandboxRequest,
  options: SpecOptions = {},
): ContainerCreateOptions {
  const language = languageOf(request.language)
  const idleMs = options.idleMs ?? 0
  const deadlineSeconds = Math.ceil((settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS) / 1000)
  const idle = idleMs > 0 ? ['--idle', String(Math.ceil(idleMs / 1000))] : []
  return sandboxContainerOptions(settings, request.language, {
    cmd: [
      RUNNER_PATH,
      ...idle,
      '--deadline',
      String(deadlineSeconds),
      language.sourcePath,
      language.compileCommand ?? '',
      ...language.runCommand,
    ],
    labels: { [EXECUTION_LABEL]: request.executionId },
    openStdin: true,
    runnerIsInit: true,
    workerId: options.workerId,
    uid: options.uid,
    lifetimeMs: sandboxLifetimeMs(settings.limits, idleMs),
  })
}

interface SandboxCommand {
  cmd: string[]
  labels: Record<string, string>
  openStdin: boolean
  /** The command is the runner, the container's init itself; otherwise Docker's init starts it. */
  runnerIsInit?: boolean | undefined
  workerId?: string | undefined
  /** A fresh random uid when not given. */
  uid?: number | undefined
  /** Past this long after creation any worker on the engine removes it; a run's lifetime when not given. */
  lifetimeMs?: number | undefined
}

/** The restrictive container every sandboxed command runs in; only settings (never a request) shape HostConfig. */
export function sandboxContainerOptions(
  settings: SandboxSettings,
  language: LanguageId,
  command: SandboxCommand,
): ContainerCreateOptions {
  const limits = languageLimits(settings.limits, language)
  const processes = processLimit(settings.runtime, limits.pidsLimit)
  const memoryBytes = cgroupMemoryBytes(settings.runtime, limits.memoryBytes)
  const lifetimeMs = command.lifetimeMs ?? sandboxLifetimeMs(limits)
  const labels: Record<string, string> = {
    ...command.labels,
    [SANDBOX_LABEL]: 'true',
    [LIFETIME_LABEL]: String(lifetimeMs),
  }
  if (command.workerId !== undefined) labels[WORKER_LABEL] = command.workerId
  const uid = command.uid ?? sandboxUid()
  return {
    Image: imageName(settings.imagePrefix, language),
    Cmd: command.cmd,
    User: `${uid}:${uid}`,
    WorkingDir: '/tmp',
    Env: languageEnv(SANDBOX_ENV, language),
    // No TTY: stdout and stderr stay apart as multiplexed frames.
    Tty: false,
    OpenStdin: command.openStdin,
    // The container's stdin closes when its one attached client goes: the worker ending (the runner then ends the run).
    StdinOnce: command.openStdin,
    AttachStdin: command.openStdin,
    AttachStdout: true,
    AttachStderr: true,
    NetworkDisabled: true,
    Labels: labels,
    HostConfig: {
      NetworkMode: 'none',
      // Equal memory and memory+swap: no swap at all, so the cap is the cap.
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      MemorySwappiness: 0,
      NanoCpus: Math.round(limits.cpus * 1e9),
      PidsLimit: processes.pidsLimit,
      ReadonlyRootfs: true,
      // exec: the C++ binary is compiled into and run from /tmp; nosuid/nodev still hold.
      // /dev/pts: an empty read-only tmpfs in place of devpts, so /dev/ptmx leads nowhere: pseudo-terminals come
      // from one host-wide pool (kernel.pty.max) and a sandbox has no use for one.
      Tmpfs: {
        '/tmp': `rw,exec,nosuid,nodev,size=${limits.tmpSizeBytes},mode=1777`,
        '/dev/pts': 'ro,nosuid,nodev,noexec,size=4k,mode=0555',
      },
      IpcMode: 'private',
      ShmSize: SHM_SIZE_BYTES,
      CapDrop: ['ALL'],
      // Docker's default seccomp profile less AIO, io_uring, keyrings and ptrace (seccomp-profile.ts).
      SecurityOpt: ['no-new-privileges', SECCOMP_SECURITY_OPT],
      // pid 1 reaps orphans and passes the exit status on: the runner, or Docker's init for a plain command.
      Init: !command.runnerIsInit,
      Ulimits: [
        { Name: 'nofile', Soft: limits.nofile, Hard: limits.nofile },
        { Name: 'core', Soft: 0, Hard: 0 },
        { Name: 'sigpending', Soft: SIGPENDING_LIMIT, Hard: SIGPENDING_LIMIT },
        { Name: 'msgqueue', Soft: MSGQUEUE_LIMIT_BYTES, Hard: MSGQUEUE_LIMIT_BYTES },
        ...processes.ulimits,
      ],
      // Output is read from the attach stream; a log driver would keep a second, uncapped copy on the host.
      LogConfig: { Type: 'none', Config: {} },
      Runtime: settings.runtime,
      // Removed by the runner itself after reading the exit state (AutoRemove races with wait/inspect).
      AutoRemove: false,
      Privileged: false,
    },
  }
}
