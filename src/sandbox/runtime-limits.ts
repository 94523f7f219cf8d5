import type { HostConfig } from 'dockerode'

/** The gVisor runtime (its name as registered with the engine). */
export const GVISOR_RUNTIME = 'runsc'

/**
 * Host tasks one gVisor sandbox may hold, per process the program may have. The Sentry (ptrace platform) makes a
 * host stub per address space and a thread per blocked task, and churns them: a C++ fork bomb held to 64 processes
 * by RLIMIT_NPROC peaked at 3103 host tasks (runsc 20221219); with a ceiling of 1000 the Sentry itself died (exit 2).
 */
const GVISOR_HOST_TASKS_PER_PROCESS = 64

/**
 * Memory the gVisor sandbox's own kernel takes from the container's cgroup: 17 MiB idle (measured: a sleeping
 * Python 17 MiB under runsc, 3 MiB under runc; a g++ compile peaked at 70 MiB against 53 MiB). Added to the cap,
 * so that a program has the same memory under both runtimes.
 */
const GVISOR_MEMORY_OVERHEAD_BYTES = 32 * 1024 * 1024

type Ulimit = NonNullable<HostConfig['Ulimits']>[number]

/** How the process limit of one run is enforced, which depends on the runtime. */
export interface ProcessLimit {
  /** The container cgroup's pids.max on the host. */
  pidsLimit: number
  /** Rlimits added for the runtime (beside nofile and core, which every runtime gets). */
  ulimits: Ulimit[]
}

/**
 * Under runc the program's processes are host tasks in the container's pids cgroup, so PidsLimit is the limit
 * itself (RLIMIT_NPROC would count per uid across the whole host, every sandbox sharing uid 10001).
 *
 * Under gVisor the cgroup holds the Sentry and the Gofer (about 56 host tasks idle), which die, taking the run with
 * them (exit 2, no output), when they cannot make a thread: PidsLimit becomes a ceiling on the sandbox's host tasks,
 * and the program's limit is RLIMIT_NPROC, counted by gVisor's own kernel, which is private to the sandbox: per run.
 */
export function processLimit(runtime: string, pidsLimit: number): ProcessLimit {
  if (runtime !== GVISOR_RUNTIME) return { pidsLimit, ulimits: [] }
  return {
    pidsLimit: GVISOR_HOST_TASKS_PER_PROCESS * pidsLimit,
    ulimits: [{ Name: 'nproc', Soft: pidsLimit, Hard: pidsLimit }],
  }
}

/** The container cgroup's memory cap (and memory+swap) for a program allowed `memoryBytes`. */
export function cgroupMemoryBytes(runtime: string, memoryBytes: number): number {
  return runtime === GVISOR_RUNTIME ? memoryBytes + GVISOR_MEMORY_OVERHEAD_BYTES : memoryBytes
}
