/**
 * Docker's multiplexed attach stream (no TTY): frames of an 8-byte header (stream type: 0 stdin, 1 stdout,
 * 2 stderr; three zero bytes; a big-endian 32-bit payload length) and the payload.
 *
 * Replaces docker-modem's demuxStream, which recurses once per frame (tens of thousands of one-byte frames in
 * one read overflow the stack and kill the worker) and concatenates its whole backlog on every chunk. This one
 * is a loop over each chunk: constant stack, a payload passed on in slices as it arrives (a frame announcing
 * 4 GiB allocates nothing), and no exception ever leaves it: a stream that is not framed as Docker frames it is
 * reported once through onError and the rest ignored.
 */

const HEADER_BYTES = 8

export type DemuxedStream = 'stdout' | 'stderr'

export interface DemuxSinks {
  /** A slice of one stream's output; may be a view of the chunk it came in, valid only during the call. */
  onOutput(stream: DemuxedStream, bytes: Buffer): void
  /** The stream broke Docker's framing (an unknown stream type); nothing more is passed on. */
  onError?(error: Error): void
}

export class DockerStreamDemuxer {
  readonly #sinks: DemuxSinks
  readonly #header = Buffer.alloc(HEADER_BYTES)
  #headerFill = 0
  #payloadLeft = 0
  #stream: DemuxedStream = 'stdout'
  #broken = false

  constructor(sinks: DemuxSinks) {
    this.#sinks = sinks
  }

  /** Feeds one chunk of the attach stream, however it is cut. */
  push(chunk: Buffer): void {
    let offset = 0
    while (offset < chunk.length && !this.#broken) {
      if (this.#payloadLeft > 0) {
        const end = Math.min(chunk.length, offset + this.#payloadLeft)
        this.#payloadLeft -= end - offset
        this.#emit(chunk.subarray(offset, end))
        offset = end
        continue
      }
      const take = Math.min(HEADER_BYTES - this.#headerFill, chunk.length - offset)
      chunk.copy(this.#header, this.#headerFill, offset, offset + take)
      this.#headerFill += take
      offset += take
      if (this.#headerFill < HEADER_BYTES) return
      this.#headerFill = 0
      const type = this.#header[0]
      // Type 0 is stdin echoed back, which Docker's own client prints as stdout.
      if (type !== 0 && type !== 1 && type !== 2) {
        this.#broken = true
        this.#report(new Error(`attach stream is not multiplexed: stream type ${type}`))
        return
      }
      this.#stream = type === 2 ? 'stderr' : 'stdout'
      this.#payloadLeft = this.#header.readUInt32BE(4)
    }
  }

  /** True while a frame is cut off (a header or payload incomplete): what an early end of stream loses. */
  get partial(): boolean {
    return this.#headerFill > 0 || this.#payloadLeft > 0
  }

  #emit(bytes: Buffer): void {
    try {
      this.#sinks.onOutput(this.#stream, bytes)
    } catch (error) {
      // A sink that throws must not take the worker down with it: the run's output stops here.
      this.#broken = true
      this.#report(error instanceof Error ? error : new Error(String(error)))
    }
  }

  #report(error: Error): void {
    try {
      this.#sinks.onError?.(error)
    } catch {
      // Nothing more can be done with an error about an error.
    }
  }
}

/** Demultiplexes a readable attach stream into the sinks as it flows. */
export function demuxDockerStream(stream: NodeJS.EventEmitter, sinks: DemuxSinks): DockerStreamDemuxer {
  const demuxer = new DockerStreamDemuxer(sinks)
  stream.on('data', (chunk: Buffer) => demuxer.push(chunk))
  return demuxer
}
