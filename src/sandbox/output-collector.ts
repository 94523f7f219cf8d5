import { type DockerStreamDemuxer, demuxDockerStream } from './demux-stream.ts'
import type { JudgedStream } from './judged-cases.ts'
import type { UsageReportFilter } from './usage-report.ts'

export interface OutputCollectorOptions {
  /** Take the stream's first byte apart (the runner's marker) instead of counting it as output. */
  stripMarker?: boolean
  /** Called with the text of each kept chunk as it arrives (the live output); the pieces join into `text()`. */
  onText?: (text: string) => void
  /** Takes the runner's usage report off the end of the stream (stdout) before anything is counted. */
  usageReport?: UsageReportFilter | undefined
  /** A judged run's stream: the cases' output is taken off to them first (what is left is the run's own). */
  judged?: JudgedStream | undefined
}

/**
 * One output stream of a run: counts every byte as it arrives, keeps at most `limit` of them,
 * and turns them into text that PostgreSQL can store.
 */
export class OutputCollector {
  readonly limit: number
  // Decoded as the bytes arrive, so that live output and stored output are the same text by construction.
  // ignoreBOM keeps a leading U+FEFF the program wrote instead of silently eating it.
  readonly #decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })
  readonly #onText: ((text: string) => void) | undefined
  #pieces: string[] = []
  #final: string | undefined
  #kept = 0
  #received = 0
  #awaitingMarker: boolean
  #marker: string | null = null
  readonly #usageReport: UsageReportFilter | undefined
  readonly #judged: JudgedStream | undefined

  constructor(limit: number, options: OutputCollectorOptions = {}) {
    this.limit = limit
    this.#awaitingMarker = options.stripMarker === true
    this.#onText = options.onText
    this.#usageReport = options.usageReport
    this.#judged = options.judged
  }

  /** Adds a chunk; returns true when this chunk is the one that crossed the cap. */
  push(chunk: Uint8Array): boolean {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.#awaitingMarker && bytes.length > 0) {
      this.#marker = String.fromCharCode(bytes[0] as number)
      this.#awaitingMarker = false
      bytes = bytes.subarray(1)
    }
    if (this.#judged) bytes = this.#judged.take(bytes)
    if (this.#usageReport) bytes = this.#usageReport.take(bytes)
    return this.#count(bytes)
  }

  #count(bytes: Buffer): boolean {
    const wasExceeded = this.exceeded
    this.#received += bytes.length
    const room = this.limit - this.#kept
    if (room > 0 && bytes.length > 0) {
      const kept = bytes.subarray(0, room)
      this.#kept += kept.length
      this.#add(this.#decoder.decode(kept, { stream: true }))
    }
    return !wasExceeded && this.exceeded
  }

  /** The first byte of the stream when stripMarker was asked for; null until one arrived. */
  get marker(): string | null {
    return this.#marker
  }

  /** Bytes received (marker excluded), kept or not. */
  get receivedBytes(): number {
    return this.#received
  }

  /** More bytes came than the cap allows. */
  get exceeded(): boolean {
    return this.#received > this.limit
  }

  /**
   * The kept bytes as text: invalid UTF-8 and NUL become U+FFFD; a character cut by the cap is dropped.
   * Once asked for, the text is final (the run is over): an incomplete character at the end becomes U+FFFD,
   * unless the cap cut it.
   */
  text(): string {
    if (this.#final === undefined) {
      const judgedHeld = this.#judged?.end()
      if (judgedHeld && judgedHeld.length > 0) this.#count(this.#usageReport?.take(judgedHeld) ?? judgedHeld)
      const held = this.#usageReport?.end()
      if (held && held.length > 0) this.#count(held)
      if (!this.exceeded) this.#add(this.#decoder.decode())
      this.#final = this.#pieces.join('')
      this.#pieces = [this.#final]
    }
    return this.#final
  }

  #add(decoded: string): void {
    if (decoded === '' || this.#final !== undefined) return
    const text = decoded.replaceAll('\u0000', '\uFFFD')
    this.#pieces.push(text)
    this.#onText?.(text)
  }
}

/**
 * Demultiplexes a container's attach stream into its two collectors (src/sandbox/demux-stream.ts); onLimit runs
 * once, when either crosses its cap; onError when the stream is not Docker-framed (the platform's failure).
 */
export function demuxIntoCollectors(
  stream: NodeJS.EventEmitter,
  collectors: { stdout: OutputCollector; stderr: OutputCollector },
  handlers: { onLimit?: () => void; onError?: (error: Error) => void } = {},
): DockerStreamDemuxer {
  let limitReached = false
  return demuxDockerStream(stream, {
    onOutput(name, bytes) {
      if (collectors[name].push(bytes) && !limitReached) {
        limitReached = true
        handlers.onLimit?.()
      }
    },
    onError: (error) => handlers.onError?.(error),
  })
}
