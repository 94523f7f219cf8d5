/** The q-quantile (0..1) of some numbers, by nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export function formatMs(value: number): string {
  return `${Math.round(value)} ms`
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`
}

/** Calls `one` `total` times, at most `parallel` at once; the results in completion order. */
export async function inParallel<T>(total: number, parallel: number, one: () => Promise<T>): Promise<T[]> {
  const results: T[] = []
  let started = 0
  await Promise.all(
    Array.from({ length: Math.min(parallel, total) }, async () => {
      while (started < total) {
        started++
        results.push(await one())
      }
    }),
  )
  return results
}
