// The warm pool's hit rate, read from the worker's own Prometheus counter `livecode_warm_pool_takes_total`:
// each run that asked the pool is a hit (a warm container) or a miss (a fresh one created).
import type { BenchWorker } from './processes.ts'

export class PoolHits {
  readonly hits: number
  readonly misses: number
  constructor(hits: number, misses: number) {
    this.hits = hits
    this.misses = misses
  }

  minus(earlier: PoolHits): PoolHits {
    return new PoolHits(this.hits - earlier.hits, this.misses - earlier.misses)
  }

  describe(): string {
    const total = this.hits + this.misses
    if (total === 0) return 'no warm pool in this worker'
    return `pool hit rate ${((100 * this.hits) / total).toFixed(0)}% (${this.hits}/${total})`
  }
}

/** The takes so far; a worker without a pool has no such counter, and reads as none. */
export async function poolHits(worker: BenchWorker): Promise<PoolHits> {
  const response = await fetch(worker.metricsUrl)
  if (!response.ok) throw new Error(`GET ${worker.metricsUrl}: ${response.status}`)
  const text = await response.text()
  const takes = (result: 'hit' | 'miss') =>
    Number(new RegExp(`^livecode_warm_pool_takes_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0)
  return new PoolHits(takes('hit'), takes('miss'))
}
