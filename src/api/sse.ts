import type { FastifyReply } from 'fastify'

/**
 * One Server-Sent Events response: the reply is taken over from Fastify and written by hand, an event at
 * a time, until `end()` or until the client goes away.
 */
export class SseStream {
  readonly #reply: FastifyReply
  #ended = false
  readonly #onEnd: (() => void)[] = []

  constructor(reply: FastifyReply) {
    this.#reply = reply
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and its kin would otherwise hold events back in a buffer.
      'x-accel-buffering': 'no',
    })
    raw.flushHeaders()
    raw.on('close', () => this.#finish())
  }

  get ended(): boolean {
    return this.#ended
  }

  /** `data` is JSON text or a value to encode; JSON has no raw newlines, so it fits one `data:` line. */
  send(id: string, event: string, data: string | object): void {
    if (this.#ended) return
    const text = typeof data === 'string' ? data : JSON.stringify(data)
    this.#reply.raw.write(`id: ${id}\nevent: ${event}\ndata: ${text}\n\n`)
  }

  comment(text: string): void {
    if (!this.#ended) this.#reply.raw.write(`: ${text}\n\n`)
  }

  end(): void {
    if (this.#ended) return
    this.#reply.raw.end()
    this.#finish()
  }

  /** Runs once the stream is over, whoever ended it. */
  onEnd(callback: () => void): void {
    if (this.#ended) callback()
    else this.#onEnd.push(callback)
  }

  #finish(): void {
    if (this.#ended) return
    this.#ended = true
    for (const callback of this.#onEnd.splice(0)) callback()
  }
}
