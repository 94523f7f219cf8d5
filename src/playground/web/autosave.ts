// Debounced autosave: edits gather for `delayMs` after the last one, then go in one PATCH. A failed save
// keeps its changes (merged under newer ones) for the next attempt. Tested in Node.

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed'

export class Autosaver<Changes extends object> {
  #pending: Partial<Changes> = {}
  #timer: ReturnType<typeof setTimeout> | undefined
  #inFlight: Promise<boolean> | undefined
  #state: SaveState = 'saved'
  readonly #save: (changes: Partial<Changes>) => Promise<void>
  readonly #delayMs: number
  readonly #onState: (state: SaveState, error?: unknown) => void

  constructor(
    save: (changes: Partial<Changes>) => Promise<void>,
    delayMs: number,
    onState: (state: SaveState, error?: unknown) => void = () => {},
  ) {
    this.#save = save
    this.#delayMs = delayMs
    this.#onState = onState
  }

  get state(): SaveState {
    return this.#state
  }

  /** Records an edit; the save happens `delayMs` after the last one. */
  change(changes: Partial<Changes>): void {
    this.#pending = { ...this.#pending, ...changes }
    this.#setState('pending')
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs)
  }

  /** Saves what is pending now (after any save in flight); true when everything is saved. */
  async flush(): Promise<boolean> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    while (this.#inFlight) await this.#inFlight
    if (Object.keys(this.#pending).length === 0) return this.#state !== 'failed'
    const changes = this.#pending
    this.#pending = {}
    this.#setState('saving')
    this.#inFlight = this.#save(changes).then(
      () => {
        this.#setState(Object.keys(this.#pending).length === 0 ? 'saved' : 'pending')
        return true
      },
      (error: unknown) => {
        this.#pending = { ...changes, ...this.#pending }
        this.#setState('failed', error)
        return false
      },
    )
    try {
      return await this.#inFlight
    } finally {
      this.#inFlight = undefined
    }
  }

  /** Drops what is pending (the session it belonged to is gone). */
  discard(): void {
    clearTimeout(this.#timer)
    this.#pending = {}
    this.#setState('saved')
  }

  #setState(state: SaveState, error?: unknown): void {
    this.#state = state
    this.#onState(state, error)
  }
}
