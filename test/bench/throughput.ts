// Throughput bursts, repeated in rounds: the host's own load moves from minute to minute (the same burst has
// measured 30% apart a few minutes later), so one burst each says little. Every round times each burst once, on
// a quiet machine, in the reverse order of the round before (the first of two bursts in a row was measured a few
// per cent faster), and each ratio is taken within its round.
import { EngineCpu } from './engine-cpu.ts'
import { settle } from './settle.ts'
import { inParallel, quantile } from './stats.ts'

export interface Burst {
  /** How the burst is named in the bench's output. */
  name: string
  parallel: number
  one: () => Promise<number>
  /** Whether each run's time is worth printing (a client's wait), beside the rate. */
  timesShown?: boolean
}

export interface BurstResult {
  burst: Burst
  /** Runs per second, one per round. */
  rates: number[]
  /** Every run's milliseconds, all rounds together. */
  times: number[]
  /** The engine's CPU milliseconds per run (dockerd, containerd and the shims), one per round. */
  engineCpuPerRun: number[]
}

/** Times `runs` runs of each burst per round. */
export async function measureBursts(bursts: Burst[], runs: number, rounds: number): Promise<BurstResult[]> {
  const results: BurstResult[] = bursts.map((burst) => ({ burst, rates: [], times: [], engineCpuPerRun: [] }))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? results : [...results].reverse()
    for (const result of order) {
      await settle()
      const engineCpu = new EngineCpu()
      const started = performance.now()
      result.times.push(...(await inParallel(runs, result.burst.parallel, result.burst.one)))
      result.rates.push(runs / ((performance.now() - started) / 1000))
      // Read once the machine is quiet again: the removals and pool refills a burst leaves behind are its own.
      await settle()
      result.engineCpuPerRun.push((await engineCpu.stop()) / runs)
    }
  }
  return results
}

/** The engine's floor in each round: the best rate of the bursts given (bare `docker run`s at a few at a time). */
export function floorRates(floorBursts: BurstResult[]): number[] {
  const rounds = Math.max(0, ...floorBursts.map(({ rates }) => rates.length))
  return Array.from({ length: rounds }, (_, round) =>
    Math.max(...floorBursts.map(({ rates }) => rates[round] ?? Number.NaN)),
  )
}

/**
 * "0.97× (0.91–1.02×)": each round's rate over the baseline's in the same round, their median, and their range
 * when there are several.
 */
export function describeRatios(rates: number[], baselineRates: number[]): string {
  const ratios = rates.map((rate, round) => rate / (baselineRates[round] ?? Number.NaN))
  const median = `${quantile(ratios, 0.5).toFixed(2)}×`
  if (ratios.length < 2) return median
  return `${median} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×)`
}
