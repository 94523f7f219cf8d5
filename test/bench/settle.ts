// Waits for the machine to go quiet: a burst of containers leaves the kernel work to do for seconds after it
// (network namespaces are torn down in the background), which would otherwise slow whatever is timed next.
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** Busy and total CPU time so far, all cores, from /proc/stat. */
function cpuTimes(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
  const total = fields.reduce((sum, value) => sum + value, 0)
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
  return { busy: total - idle, total }
}

/** Resolves once the CPU was under `busyShare` busy for a whole second, or after `maxMs`. */
export async function settle(busyShare = 0.1, maxMs = 30_000): Promise<void> {
  const deadline = performance.now() + maxMs
  while (performance.now() < deadline) {
    const before = cpuTimes()
    await sleep(1000)
    const after = cpuTimes()
    if (after.busy - before.busy < busyShare * (after.total - before.total)) return
  }
}
