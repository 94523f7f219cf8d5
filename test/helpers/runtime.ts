import { execFileSync } from 'node:child_process'
import t from 'tap'

/** The OCI runtime this test process runs its sandboxes under (CONTAINER_RUNTIME, as the worker reads it). */
export function sandboxRuntime(): string {
  return process.env.CONTAINER_RUNTIME || 'runc'
}

/** True when sandboxes run under gVisor, whose kernel answers some probes differently from the host's. */
export function underGvisor(): boolean {
  return sandboxRuntime() === 'runsc'
}

/**
 * The verdicts a run killed by the OOM killer may get. Under gVisor the engine now and then misses the OOM
 * notification (1 run in 4 or 5 here: the host's OOM killer takes the Sentry, and its cgroup goes with it), and a
 * SIGKILL alone is no evidence: then it is runtime_error, exit 137 (docs/security.md, "gVisor").
 */
export function oomEndings(): Array<[string, string | null]> {
  return underGvisor()
    ? [
        ['FAILED', 'memory_limit'],
        ['FAILED', 'runtime_error'],
      ]
    : [['FAILED', 'memory_limit']]
}

/**
 * The exit statuses a run ended by the memory cap may have: the OOM killer's SIGKILL, 128 + 9. Under gVisor also
 * 2, the status of a Go program's fatal error: the Sentry (Go) can die of the cap itself, when its runtime cannot
 * get memory or a thread, before the OOM killer picks it (docs/security.md, "gVisor"; seen once in CI, a JavaScript heap bomb).
 */
export function oomExitCodes(): number[] {
  return underGvisor() ? [137, 2] : [137]
}

/**
 * How long after the wall-clock kill the engine may take to report the run's end. gVisor tears its sandbox (a
 * user-space kernel and its ptrace'd tasks) down more slowly: seen at 5.7 s on a loaded 2-core host.
 */
export function killMarginMs(): number {
  return underGvisor() ? 8000 : 3000
}

/** Why the Docker engine cannot run the given runtime, or null when it can. */
export function missingRuntime(runtime: string): string | null {
  let names: string[]
  try {
    const json = execFileSync('docker', ['info', '--format', '{{json .Runtimes}}'], { encoding: 'utf8' })
    names = Object.keys(JSON.parse(json) as Record<string, unknown>)
  } catch (error) {
    return `the Docker engine did not answer: ${(error as Error).message}`
  }
  if (names.includes(runtime)) return null
  return `the Docker engine has no runtime "${runtime}" (it has ${names.join(', ')}); src/ops/ensure-docker.sh says how to add it`
}

/**
 * Runs a test file again with every sandbox under gVisor, or skips it out loud where the engine has no runsc. The
 * file reads CONTAINER_RUNTIME when it loads (the worker's config, the sandbox test settings), so it is set first.
 */
export async function againUnderGvisor(load: () => Promise<unknown>, runtime = 'runsc'): Promise<void> {
  const missing = missingRuntime(runtime)
  if (missing !== null) {
    t.comment(`gVisor tests skipped: ${missing}`)
    t.plan(0, `skip: ${missing}`)
    return
  }
  process.env.CONTAINER_RUNTIME = runtime
  await load()
}
