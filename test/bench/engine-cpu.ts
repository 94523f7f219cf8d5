// The Docker engine's own CPU while something runs, from /proc: dockerd, containerd and every containerd-shim
// (one per container, gone with it, so each is read as long as it lives, zombie included). What a run costs the
// engine is what no service in front of it can save; the figure counts every client of the engine, so it is only
// clean on an engine nothing else is using.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** `comm` is cut at 15 characters: containerd-shim-runc-v2 reads "containerd-shim". */
const ENGINE_COMMANDS = /^(dockerd|containerd|containerd-shim.*)$/
/** A shim lives a few hundred ms: read that often, its last reading is close to its whole. */
const SAMPLE_EVERY_MS = 50
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined // the process is gone
  }
}

/** utime + stime of every thread of a process, in ticks; undefined once it is gone. */
function cpuTicks(pid: string): number | undefined {
  const stat = read(`/proc/${pid}/stat`)
  if (stat === undefined) return undefined
  // After the command's closing parenthesis (a command may hold spaces): state, then utime and stime at 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}

/** Samples the engine's processes until stopped; `stop()` gives the CPU milliseconds they used in between. */
export class EngineCpu {
  readonly #start = new Map<string, number>()
  readonly #last = new Map<string, number>()
  readonly #others = new Set<string>()
  #running = true
  #loop: Promise<void>

  constructor() {
    for (const pid of this.#enginePids()) this.#start.set(pid, cpuTicks(pid) ?? 0)
    this.#loop = this.#sampleUntilStopped()
  }

  async stop(): Promise<number> {
    this.#running = false
    await this.#loop
    this.#sample()
    let ticks = 0
    for (const [pid, last] of this.#last) ticks += last - (this.#start.get(pid) ?? 0)
    return (ticks * 1000) / TICKS_PER_SECOND
  }

  async #sampleUntilStopped(): Promise<void> {
    while (this.#running) {
      this.#sample()
      await sleep(SAMPLE_EVERY_MS)
    }
  }

  #sample(): void {
    for (const pid of this.#enginePids()) {
      const ticks = cpuTicks(pid)
      if (ticks !== undefined) this.#last.set(pid, ticks)
    }
  }

  /** The engine's processes now; a process seen once not to be one is not read again. */
  #enginePids(): string[] {
    const pids: string[] = []
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid) || this.#others.has(pid)) continue
      if (this.#last.has(pid) || this.#start.has(pid)) {
        pids.push(pid)
        continue
      }
      const command = read(`/proc/${pid}/comm`)?.trim()
      if (command === undefined) continue
      if (ENGINE_COMMANDS.test(command)) pids.push(pid)
      else this.#others.add(pid)
    }
    return pids
  }
}
