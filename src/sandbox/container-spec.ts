import type { ContainerCreateOptions } from 'dockerode'
import { imageName, LANGUAGES, type LanguageId } from '../languages.ts'
import { EXECUTION_LABEL, SANDBOX_LABEL, WORKER_LABEL } from './labels.ts'
import type { SandboxRequest, SandboxSettings } from './types.ts'

/** The unprivileged user of every sandbox; the images create it with this uid/gid. */
export const SANDBOX_UID = 10001
export const SANDBOX_USER = `${SANDBOX_UID}:${SANDBOX_UID}`
/** The in-container runner (images/runner/livecode-run). */
const RUNNER_PATH = '/usr/local/bin/livecode-run'

/**
 * A dead man's switch: coreutils' timeout, as the container's main process, SIGKILLs the run this long after
 * the worker's own limit. The worker normally kills first; if the worker died, the container still ends (and
 * killing `timeout` from inside ends the container too, since it is the main process).
 */
export const SELF_DESTRUCT_GRACE_MS = 10_000

/** Written by hand so nothing of the worker's own environment (secrets included) leaks into a sandbox. */
const SANDBOX_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/tmp', 'LANG=C.UTF-8']
/** POSIX shared memory is rarely needed by a single program; keep it from being a second, uncapped /tmp. */
const SHM_SIZE_BYTES = 1024 * 1024

export interface SpecOptions {
  workerId?: string
}

/** Create options for the run of one execution: the source and stdin come later, through the attach stream. */
export function buildContainerSpec(
  settings: SandboxSettings,
  request: SandboxRequest,
  options: SpecOptions = {},
): ContainerCreateOptions {
  const language = LANGUAGES[request.language]
  const selfDestructSeconds = Math.ceil((settings.limits.timeoutMs + SELF_DESTRUCT_GRACE_MS) / 1000)
  return sandboxContainerOptions(settings, request.language, {
    cmd: [
      'timeout',
      '--signal=KILL',
      `${selfDestructSeconds}s`,
      RUNNER_PATH,
      language.sourcePath,
      language.compileCommand ?? '',
      ...language.runCommand,
    ],
    labels: { [EXECUTION_LABEL]: request.executionId },
    openStdin: true,
    workerId: options.workerId,
  })
}

interface SandboxCommand {
  cmd: string[]
  labels: Record<string, string>
  openStdin: boolean
  workerId?: string | undefined
}

/** The restrictive container every sandboxed command runs in; only settings (never a request) shape HostConfig. */
export function sandboxContainerOptions(
  settings: SandboxSettings,
  language: LanguageId,
  command: SandboxCommand,
): ContainerCreateOptions {
  const { limits } = settings
  const labels: Record<string, string> = { ...command.labels, [SANDBOX_LABEL]: 'true' }
  if (command.workerId !== undefined) labels[WORKER_LABEL] = command.workerId
  return {
    Image: imageName(settings.imagePrefix, language),
    Cmd: command.cmd,
    User: SANDBOX_USER,
    WorkingDir: '/tmp',
    Env: [...SANDBOX_ENV],
    // No TTY: stdout and stderr stay apart as multiplexed frames.
    Tty: false,
    OpenStdin: command.openStdin,
    // The container's stdin closes when the worker ends its side of the attach stream: the program sees EOF.
    StdinOnce: command.openStdin,
    AttachStdin: command.openStdin,
    AttachStdout: true,
    AttachStderr: true,
    NetworkDisabled: true,
    Labels: labels,
    HostConfig: {
      NetworkMode: 'none',
      // Equal memory and memory+swap: no swap at all, so the cap is the cap.
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      MemorySwappiness: 0,
      NanoCpus: Math.round(limits.cpus * 1e9),
      PidsLimit: limits.pidsLimit,
      ReadonlyRootfs: true,
      // exec: the C++ binary is compiled into and run from /tmp; nosuid/nodev still hold.
      Tmpfs: { '/tmp': `rw,exec,nosuid,nodev,size=${limits.tmpSizeBytes},mode=1777` },
      IpcMode: 'private',
      ShmSize: SHM_SIZE_BYTES,
      CapDrop: ['ALL'],
      // The engine's default seccomp profile stays on: no seccomp option is passed.
      SecurityOpt: ['no-new-privileges'],
      // An init as pid 1 reaps orphans and forwards signals; the program's exit status passes through.
      Init: true,
      Ulimits: [
        { Name: 'nofile', Soft: limits.nofile, Hard: limits.nofile },
        { Name: 'core', Soft: 0, Hard: 0 },
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
