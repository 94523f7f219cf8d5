import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { readInput } from '../db/input-repository.ts'
import type { Database } from '../db/types.ts'
import type { InputFeed } from '../sandbox/types.ts'

/**
 * An interactive run's input on its way from PostgreSQL to the program: whenever told that input came (a Redis
 * message, a reconnection, the program's stdin opening), it reads the row and writes what the program has not
 * been given yet, then the end of file once a client closed it. The row is the truth, so a lost message costs
 * a delay, and a run taken over by another worker gets the whole input again from its start.
 */
export class InteractiveInput implements InputFeed {
  readonly #db: Kysely<Database>
  readonly #executionId: string
  readonly #logger: Logger
  readonly #onSent: (text: string) => void
  #stdin: { write(data: Buffer): void; end(): void } | undefined
  #sentBytes = 0
  #ended = false
  #closed = false
  #refreshing: Promise<void> = Promise.resolve()

  /** `onSent`: the text as it was written to the program (the run's `event: stdin`). */
  constructor(db: Kysely<Database>, executionId: string, logger: Logger, onSent: (text: string) => void) {
    this.#db = db
    this.#executionId = executionId
    this.#logger = logger
    this.#onSent = onSent
  }

  open(stdin: { write(data: Buffer): void; end(): void }): void {
    this.#stdin = stdin
    this.refresh()
  }

  /** Input may have come: look, one look at a time (so the bytes go out in order). */
  refresh(): void {
    this.#refreshing = this.#refreshing
      .then(() => this.#sendNew())
      .catch((error) => {
        this.#logger.warn({ err: error, executionId: this.#executionId }, 'interactive input not read')
      })
  }

  /** The run is over: nothing more is written. */
  close(): void {
    this.#closed = true
  }

  async #sendNew(): Promise<void> {
    if (!this.#stdin || this.#closed || this.#ended) return
    const row = await readInput(this.#db, this.#executionId)
    if (!row || this.#closed) return
    const input = Buffer.from(row.input, 'utf8')
    if (input.length > this.#sentBytes) {
      const fresh = input.subarray(this.#sentBytes)
      this.#sentBytes = input.length
      this.#stdin.write(fresh)
      this.#onSent(fresh.toString('utf8'))
    }
    if (row.eof) {
      this.#ended = true
      this.#stdin.end()
    }
  }
}
