// The alert under the toolbar: what went wrong, in words a person wants, with a live countdown when the API
// said when to retry.
import { byId } from './dom.ts'
import { type Action, type ApiProblem, describeProblem } from './problems.ts'

export class ProblemView {
  readonly #box = byId('problem')
  readonly #title = byId('problem-title')
  readonly #detail = byId('problem-detail')
  readonly #newSession = byId<HTMLButtonElement>('problem-new-session')
  #countdown: ReturnType<typeof setInterval> | undefined
  #action: Action | undefined

  constructor(onNewSession: () => void) {
    byId('problem-dismiss').addEventListener('click', () => this.hide())
    this.#newSession.addEventListener('click', () => {
      this.hide()
      onNewSession()
    })
  }

  /** Shows what went wrong; with a retry time, counts down and calls `onRetryAllowed` at zero. */
  show(problem: ApiProblem, action: Action, onRetryAllowed?: () => void): void {
    clearInterval(this.#countdown)
    this.#action = action
    const message = describeProblem(problem, action)
    this.#title.textContent = message.title
    this.#detail.textContent = message.detail
    this.#newSession.hidden = !message.offerNewSession
    this.#box.hidden = false
    if (message.retryAfterSeconds === null) return
    const until = Date.now() + message.retryAfterSeconds * 1000
    this.#countdown = setInterval(() => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000))
      this.#detail.textContent = describeProblem(problem, action, left).detail
      if (left === 0) {
        clearInterval(this.#countdown)
        onRetryAllowed?.()
      }
    }, 1000)
  }

  hide(): void {
    clearInterval(this.#countdown)
    this.#box.hidden = true
    this.#action = undefined
  }

  /** Hides the alert if it is about `action` (a save that failed, now done). */
  hideIf(action: Action): void {
    if (this.#action === action) this.hide()
  }
}
