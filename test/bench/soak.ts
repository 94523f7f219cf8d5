// The soak: worker and API RSS before and after many runs, read once a warm-up has brought both to their level.
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchProcess } from './processes.ts'
import { mib } from './stats.ts'

/** Settled RSS in bytes, by the name of the process read. */
export type Readings<Name extends string> = Record<Name, number>

/** Warm-up runs come in blocks of this many, each followed by a reading. */
const WARM_UP_BLOCK_RUNS = 500
/**
 * The warm-up ends once every process's RSS moved, up or down, by under LEVEL_BYTES over its last LEVEL_WINDOW_RUNS
 * runs: half the goal's rate (5 MiB over 5,000 runs). A reading still falling is not level: taken as the soak's
 * start, it would hide a growth behind the fall. A fresh worker's RSS moved by up to 33 MiB over its first 1,000
 * runs on one host, and on a slower one kept moving (up in one soak, down in others) for 1,000 to 3,000 more, while
 * V8 compiled code and sized its old space (test/bench/README.md, "The soak's warm-up"); nothing was kept per run.
 */
const LEVEL_WINDOW_RUNS = 1000
const LEVEL_BYTES = 512 * 1024

export interface WarmUpResult<Name extends string> {
  runs: number
  level: boolean
  /** A reading after every block, the first after the first block. */
  readings: Readings<Name>[]
}

/** RSS once it stops falling: the lowest of readings 2 s apart, after 30 s or two readings without a new low. */
export async function settledRss(target: BenchProcess): Promise<number> {
  let lowest = target.rss()
  for (let calm = 0, waited = 0; calm < 2 && waited < 30_000; waited += 2000) {
    await sleep(2000)
    const now = target.rss()
    calm = now < lowest ? 0 : calm + 1
    lowest = Math.min(lowest, now)
  }
  return lowest
}

/** Every process's settled RSS, read side by side (they idle together). */
export async function settledReadings<Name extends string>(
  processes: Record<Name, BenchProcess>,
): Promise<Readings<Name>> {
  const names = namesOf(processes)
  const values = await Promise.all(names.map((name) => settledRss(processes[name])))
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as Readings<Name>
}

/** Runs blocks until every process's RSS is level (see LEVEL_BYTES), at least `minRuns` and at most `maxRuns`. */
export async function warmUpUntilLevel<Name extends string>(
  processes: Record<Name, BenchProcess>,
  runs: (count: number) => Promise<unknown>,
  { minRuns, maxRuns }: { minRuns: number; maxRuns: number },
): Promise<WarmUpResult<Name>> {
  const readings: Readings<Name>[] = []
  const windowBlocks = LEVEL_WINDOW_RUNS / WARM_UP_BLOCK_RUNS
  for (let done = 0; done < maxRuns; ) {
    const block = Math.min(WARM_UP_BLOCK_RUNS, maxRuns - done)
    await runs(block)
    done += block
    readings.push(await settledReadings(processes))
    const latest = readings.at(-1) as Readings<Name>
    const windowStart = readings.at(-1 - windowBlocks)
    const level =
      windowStart !== undefined &&
      namesOf(processes).every((name) => Math.abs(latest[name] - windowStart[name]) < LEVEL_BYTES)
    if (done >= minRuns && level) return { runs: done, level: true, readings }
  }
  return { runs: maxRuns, level: false, readings }
}

/** One line per process: its RSS after each block. */
export function describeWarmUp<Name extends string>(result: WarmUpResult<Name>): string[] {
  const names = result.readings[0] ? namesOf(result.readings[0]) : []
  const course = names.map(
    (name) =>
      `    ${name.padEnd(6)} ${result.readings.map((reading) => (reading[name] / 2 ** 20).toFixed(1)).join(' → ')} MiB`,
  )
  const verdict = result.level
    ? `level after ${result.runs} runs (moved under ${mib(LEVEL_BYTES)} over the last ${LEVEL_WINDOW_RUNS})`
    : `not level after ${result.runs} runs, the most allowed: the soak follows all the same`
  return [`  warm-up, RSS every ${WARM_UP_BLOCK_RUNS} runs: ${verdict}`, ...course]
}

function namesOf<Name extends string>(record: Record<Name, unknown>): Name[] {
  return Object.keys(record) as Name[]
}
