import { Writable } from 'node:stream'

export interface OutputCollectorOptions {
  /** Take the stream's first byte apart (the runner's marker) instead of counting it as output. */
  stripMarker?: boolean
}

/**
 * One output stream of a run: counts every byte as it arrives, keeps at most `limit` of them,
 * and turns them into text that PostgreSQL can store.
 */
export class OutputCollector {
  readonly limit: number
  #chunks: Buffer[] = []
  #kept = 0
  #received = 0
  #awaitingMarker: boolean
  #marker: string | null = null

  constructor(limit: number, options: OutputCollectorOptions = {}) {
    this.limit = limit
    this.#awaitingMarker = options.stripMarker === true
  }

  /** Adds a chunk; returns true when this chunk is the one that crossed the cap. */
  push(chunk: Uint8Array): boolean {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.#awaitingMarker && bytes.length > 0) {
      this.#marker = String.fromCharCode(bytes[0] as number)
      this.#awaitingMarker = false
      bytes = bytes.subarray(1)
    }
    const wasExceeded = this.exceeded
    this.#received += bytes.length
    const room = this.limit - this.#kept
    if (room > 0 && bytes.length > 0) {
      // Copied: the stream may reuse its buffers.
      const kept = Buffer.from(bytes.subarray(0, room))
      this.#chunks.push(kept)
      this.#kept += kept.length
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

  /** The kept bytes as text: invalid UTF-8 and NUL become U+FFFD; a character cut by the cap is dropped. */
  text(): string {
    let bytes = Buffer.concat(this.#chunks, this.#kept)
    if (this.exceeded) bytes = bytes.subarray(0, completeLength(bytes))
    // ignoreBOM keeps a leading U+FEFF the program wrote instead of silently eating it.
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes)
    return text.replaceAll('\u0000', '\uFFFD')
  }
}

/** Length of `bytes` without a trailing, incomplete UTF-8 sequence. */
export function completeLength(bytes: Uint8Array): number {
  const end = bytes.length
  // A sequence is at most 4 bytes: its lead byte is within the last 4.
  for (let start = end - 1; start >= 0 && start >= end - 4; start--) {
    const byte = bytes[start] as number
    if ((byte & 0xc0) === 0x80) continue
    const needed = sequenceLength(byte)
    return needed > end - start ? start : end
  }
  return end
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  return 1
}

/** A Writable feeding a collector (what demuxStream writes to); onLimit runs once, when the cap is crossed. */
export function collectorSink(collector: OutputCollector, onLimit: () => void = () => {}): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (collector.push(chunk)) onLimit()
      callback()
    },
  })
}
