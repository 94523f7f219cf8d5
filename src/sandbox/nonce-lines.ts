/** A piece of one output stream: the program's bytes, or one line of the runner's (its text after the prefix). */
export type ScannedPiece = { data: Buffer } | { line: string }

/** The longest runner line kept (a verdict line is well under it); the rest of a longer one is dropped. */
const MAX_LINE_BYTES = 256

/**
 * Splits an output stream at the runner's lines, "\x1e<nonce> <text>\n" (images/runner/livecode-run.c): a program
 * that does not know the nonce cannot write one. Bytes at a chunk's end that could start a prefix are held back
 * until the next chunk shows what they are.
 */
export class NonceLineScanner {
  readonly #prefix: Buffer
  #held: Buffer = Buffer.alloc(0)
  /** The runner line being read, once its prefix was seen; null between lines. */
  #line: Buffer | null = null

  constructor(nonce: string) {
    this.#prefix = Buffer.from(`\x1e${nonce} `, 'latin1')
  }

  /** The prefix as bytes, for a line given back to a reader of the raw stream. */
  get prefix(): Buffer {
    return this.#prefix
  }

  scan(bytes: Buffer): ScannedPiece[] {
    const pieces: ScannedPiece[] = []
    let data = this.#held.length > 0 ? Buffer.concat([this.#held, bytes]) : bytes
    this.#held = Buffer.alloc(0)
    while (data.length > 0) {
      if (this.#line !== null) {
        const end = data.indexOf(0x0a)
        const part = end === -1 ? data : data.subarray(0, end)
        this.#line = Buffer.concat([this.#line, part]).subarray(0, MAX_LINE_BYTES)
        if (end === -1) break
        pieces.push({ line: this.#line.toString('latin1') })
        this.#line = null
        data = data.subarray(end + 1)
        continue
      }
      const at = data.indexOf(this.#prefix)
      if (at !== -1) {
        if (at > 0) pieces.push({ data: data.subarray(0, at) })
        this.#line = Buffer.alloc(0)
        data = data.subarray(at + this.#prefix.length)
        continue
      }
      const partial = partialPrefixAtEnd(data, this.#prefix)
      // Copied: the stream may reuse its buffers.
      if (partial > 0) this.#held = Buffer.from(data.subarray(data.length - partial))
      if (data.length > partial) pieces.push({ data: data.subarray(0, data.length - partial) })
      break
    }
    return pieces
  }

  /** What was held back at the stream's end: the program's bytes after all. */
  end(): Buffer {
    const held = this.#held
    this.#held = Buffer.alloc(0)
    return held
  }
}

/** How many bytes at the end of `data` could be the start of `prefix` (held back until the next chunk shows). */
export function partialPrefixAtEnd(data: Buffer, prefix: Buffer): number {
  for (let length = Math.min(prefix.length - 1, data.length); length > 0; length--) {
    if (data.subarray(data.length - length).equals(prefix.subarray(0, length))) return length
  }
  return 0
}
