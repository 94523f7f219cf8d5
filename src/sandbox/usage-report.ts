import { randomBytes } from 'node:crypto'
import { partialPrefixAtEnd } from './nonce-lines.ts'

/** What the run cost, as the container's cgroup counted it; null where unknown. */
export interface Usage {
  cpuTimeMs: number | null
  peakMemoryBytes: number | null
}

export const UNKNOWN_USAGE: Usage = { cpuTimeMs: null, peakMemoryBytes: null }

/** CPU nanoseconds, peak memory bytes, the OOM killer's kills ("-" where unknown), then the exit status. */
const REPORT = /^(\d+|-) (\d+|-) (\d+|-) (\d+)\n/

/** The longest end line kept (four numbers): anything longer is not one. */
const MAX_REPORT_BYTES = 80

/** A fresh secret per run, sent to the runner in the header (never to the program). */
export function newReportNonce(): string {
  return randomBytes(16).toString('hex')
}

/**
 * Takes the runner's end-of-run line off the end of one output stream (see images/runner/livecode-run): on stdout
 * the usage report, on stderr a bare "end". The line starts with a record separator and the run's nonce, so a
 * program that does not know the nonce cannot forge one; the runner writes it once the program and everything it
 * started are gone, so a complete line means every byte of that stream is in. The few bytes at the end that could
 * be the start of a line are held back until the next chunk, or the end, shows what they are; a program that
 * prints no record separator is never held back at all.
 */
export class UsageReportFilter {
  readonly #prefix: Buffer
  readonly #onComplete: (() => void) | undefined
  #held: Buffer = Buffer.alloc(0)
  #report: Buffer | null = null
  #complete = false

  /** `onComplete`: called once, when the whole line (up to its newline) is in. */
  constructor(nonce: string, onComplete?: () => void) {
    this.#prefix = Buffer.from(`\x1e${nonce} `, 'latin1')
    this.#onComplete = onComplete
  }

  /** The part of `bytes` that is the program's output. */
  take(bytes: Buffer): Buffer {
    if (this.#report) {
      this.#gather(bytes)
      return Buffer.alloc(0)
    }
    const data = this.#held.length > 0 ? Buffer.concat([this.#held, bytes]) : bytes
    this.#held = Buffer.alloc(0)
    const at = data.indexOf(this.#prefix)
    if (at !== -1) {
      this.#report = Buffer.alloc(0)
      this.#gather(data.subarray(at + this.#prefix.length))
      return data.subarray(0, at)
    }
    const partial = partialPrefixAtEnd(data, this.#prefix)
    // Copied: the stream may reuse its buffers.
    if (partial > 0) this.#held = Buffer.from(data.subarray(data.length - partial))
    return data.subarray(0, data.length - partial)
  }

  /** What was held back at the end of the stream: output after all. */
  end(): Buffer {
    const held = this.#held
    this.#held = Buffer.alloc(0)
    return held
  }

  /** The whole end line is in: nothing more of this stream will come. */
  get complete(): boolean {
    return this.#complete
  }

  /** The reported usage; unknown when no report came (the run was killed) or it did not parse. */
  get usage(): Usage {
    const match = this.#match()
    if (!match) return UNKNOWN_USAGE
    const [, cpuNs, peak] = match
    return {
      cpuTimeMs: cpuNs === '-' ? null : Math.round(Number(cpuNs) / 1e6),
      peakMemoryBytes: peak === '-' ? null : Number(peak),
    }
  }

  /** Whether the cgroup's OOM killer killed a process of the run, as the report says (false without one). */
  get oomKilled(): boolean {
    const kills = this.#match()?.[3]
    return kills !== undefined && kills !== '-' && Number(kills) > 0
  }

  /** The report counted the OOM killer's kills (gVisor's cgroups do not: the engine's flag is all there is). */
  get oomCounted(): boolean {
    const kills = this.#match()?.[3]
    return kills !== undefined && kills !== '-'
  }

  /** The runner's exit status (the program's, or the compiler's), as reported; null without a report. */
  get exitCode(): number | null {
    const status = this.#match()?.[4]
    return status === undefined ? null : Number(status)
  }

  #gather(bytes: Buffer): void {
    const report = this.#report ?? Buffer.alloc(0)
    this.#report = Buffer.concat([report, bytes]).subarray(0, MAX_REPORT_BYTES)
    if (!this.#complete && this.#report.includes(0x0a)) {
      this.#complete = true
      this.#onComplete?.()
    }
  }

  #match(): RegExpExecArray | null {
    return REPORT.exec(this.#report?.toString('latin1') ?? '')
  }
}
