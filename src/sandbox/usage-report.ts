import { randomBytes } from 'node:crypto'

/** What the run cost, as the container's cgroup counted it; null where unknown. */
export interface Usage {
  cpuTimeMs: number | null
  peakMemoryBytes: number | null
}

export const UNKNOWN_USAGE: Usage = { cpuTimeMs: null, peakMemoryBytes: null }

/** CPU nanoseconds, peak memory bytes, then (newer runners) the OOM killer's kills; "-" where unknown. */
const REPORT = /^(\d+|-) (\d+|-)(?: (\d+|-))?\n/

/** The longest report line kept (three numbers): anything longer is not a report. */
const MAX_REPORT_BYTES = 64

/** A fresh secret per run, sent to the runner in the header (never to the program). */
export function newReportNonce(): string {
  return randomBytes(16).toString('hex')
}

/**
 * Takes the runner's usage report off the end of stdout (see images/runner/livecode-run): the report starts
 * with a record separator and the run's nonce, so a program that does not know the nonce cannot forge one.
 * The few bytes at the end that could be the start of a report are held back until the next chunk, or the
 * end, shows what they are; a program that prints no record separator is never held back at all.
 */
export class UsageReportFilter {
  readonly #prefix: Buffer
  #held: Buffer = Buffer.alloc(0)
  #report: Buffer | null = null

  constructor(nonce: string) {
    this.#prefix = Buffer.from(`\x1e${nonce} `, 'latin1')
  }

  /** The part of `bytes` that is the program's output. */
  take(bytes: Buffer): Buffer {
    if (this.#report) {
      this.#report = Buffer.concat([this.#report, bytes]).subarray(0, MAX_REPORT_BYTES)
      return Buffer.alloc(0)
    }
    const data = this.#held.length > 0 ? Buffer.concat([this.#held, bytes]) : bytes
    this.#held = Buffer.alloc(0)
    const at = data.indexOf(this.#prefix)
    if (at !== -1) {
      this.#report = Buffer.from(data.subarray(at + this.#prefix.length, at + this.#prefix.length + MAX_REPORT_BYTES))
      return data.subarray(0, at)
    }
    for (let length = Math.min(this.#prefix.length - 1, data.length); length > 0; length--) {
      if (data.subarray(data.length - length).equals(this.#prefix.subarray(0, length))) {
        // Copied: the stream may reuse its buffers.
        this.#held = Buffer.from(data.subarray(data.length - length))
        return data.subarray(0, data.length - length)
      }
    }
    return data
  }

  /** What was held back at the end of the stream: output after all. */
  end(): Buffer {
    const held = this.#held
    this.#held = Buffer.alloc(0)
    return held
  }

  /** The reported usage; unknown when no report came (the run was killed) or it did not parse. */
  get usage(): Usage {
    const match = REPORT.exec(this.#report?.toString('latin1') ?? '')
    if (!match) return UNKNOWN_USAGE
    const [, cpuNs, peak] = match
    return {
      cpuTimeMs: cpuNs === '-' ? null : Math.round(Number(cpuNs) / 1e6),
      peakMemoryBytes: peak === '-' ? null : Number(peak),
    }
  }

  /** Whether the cgroup's OOM killer killed a process of the run, as the report says (false without one). */
  get oomKilled(): boolean {
    const kills = REPORT.exec(this.#report?.toString('latin1') ?? '')?.[3]
    return kills !== undefined && kills !== '-' && Number(kills) > 0
  }
}
