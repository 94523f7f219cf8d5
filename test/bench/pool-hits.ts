// The warm pool's hit rate, read from the worker's own log: each run's "sandbox container ready" line says
// whether its container came from the pool (`warm: true`).
import type { BenchProcess } from './processes.ts'

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

export function poolHits(worker: BenchProcess): PoolHits {
  let hits = 0
  let misses = 0
  for (const line of worker.logs) {
    if (line.msg !== 'sandbox container ready' || typeof line.warm !== 'boolean') continue
    if (line.warm) hits++
    else misses++
  }
  return new PoolHits(hits, misses)
}
