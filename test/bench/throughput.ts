// Throughput bursts, repeated in rounds: the host's own load moves from minute to minute (the same burst has
// measured 30% apart a few minutes later), so one burst each says little. Every round times each burst once, on
// a quiet machine, in the reverse order of the round before (the first of two bursts in a row was measured a few
// per cent faster), and each ratio is taken within its round.
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
}

/** Times `runs` runs of each burst per round. */
export async function measureBursts(bursts: Burst[], runs: number, rounds: number): Promise<BurstResult[]> {
  const results = bursts.map((burst) => ({ burst, rates: [] as number[], times: [] as number[] }))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? results : [...results].reverse()
    for (const result of order) {
      await settle()
      const started = performance.now()
      result.times.push(...(await inParallel(runs, result.burst.parallel, result.burst.one)))
      result.rates.push(runs / ((performance.now() - started) / 1000))
    }
  }
  return results
}

/**
 * "1.91× (1.76–1.93×)": each round's rate over the baseline's in the same round, their median, and their range
 * when there are several.
 */
export function describeRatios(rates: number[], baselineRates: number[]): string {
  const ratios = rates.map((rate, round) => rate / (baselineRates[round] ?? Number.NaN))
  const median = `${quantile(ratios, 0.5).toFixed(2)}×`
  if (ratios.length < 2) return median
  return `${median} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×)`
}
