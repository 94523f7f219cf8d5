/**
 * Removals of containers whose run is already recorded, left to finish on their own so that the worker's slot is
 * free for the next run at once; the worker waits for all of them before it exits. A container still here when
 * the worker dies is a leftover like any other (its stdin closed, it has ended; the reapers remove it).
 */
export class BackgroundRemovals {
  readonly #pending = new Set<Promise<void>>()

  /** `removal` should not reject (removeSandboxContainer never does); if it does, it is only forgotten. */
  add(removal: Promise<void>): void {
    const settled = removal.catch(() => undefined)
    this.#pending.add(settled)
    void settled.finally(() => this.#pending.delete(settled))
  }

  get size(): number {
    return this.#pending.size
  }

  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
  }
}
