// The session's runs, newest first; choosing one shows its output and verdict.
import type { ExecutionSummary } from './contract.ts'
import { byId, clockTime, element } from './dom.ts'
import { formatDuration, verdictOf } from './format.ts'

export class HistoryView {
  readonly #list = byId<HTMLOListElement>('history')
  readonly #count = byId('history-count')
  readonly #onChoose: (executionId: string) => void
  #current: string | undefined
  #disabled = false

  constructor(onChoose: (executionId: string) => void) {
    this.#onChoose = onChoose
    this.render([], 0)
  }

  render(executions: ExecutionSummary[], total: number): void {
    this.#count.textContent = total === 0 ? '' : `${total} ${total === 1 ? 'run' : 'runs'}`
    if (executions.length === 0) {
      this.#list.replaceChildren(element('li', { class: 'placeholder' }, 'No runs yet.'))
      return
    }
    this.#list.replaceChildren(
      ...executions.map((execution, index) => {
        const verdict = verdictOf(execution)
        const number = total - index
        const button = element(
          'button',
          { type: 'button', class: `history-item tone-${verdict.tone}`, 'data-execution-id': execution.execution_id },
          element('span', { class: 'dot', 'aria-hidden': 'true' }),
          element('span', { class: 'history-number' }, `#${number}`),
          element('span', { class: 'history-verdict' }, verdict.label),
          element('span', { class: 'history-language' }, execution.language),
          element(
            'span',
            { class: 'history-meta' },
            [
              execution.duration_ms === null ? '' : formatDuration(execution.duration_ms),
              clockTime(execution.queued_at),
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        )
        button.disabled = this.#disabled
        if (execution.execution_id === this.#current) button.setAttribute('aria-current', 'true')
        button.addEventListener('click', () => this.#onChoose(execution.execution_id))
        return element('li', {}, button)
      }),
    )
  }

  markCurrent(executionId: string | undefined): void {
    this.#current = executionId
    for (const button of this.#list.querySelectorAll<HTMLButtonElement>('button[data-execution-id]')) {
      if (button.dataset.executionId === executionId) button.setAttribute('aria-current', 'true')
      else button.removeAttribute('aria-current')
    }
  }

  /** While a run is live, the Output region belongs to it. */
  setDisabled(disabled: boolean): void {
    this.#disabled = disabled
    for (const button of this.#list.querySelectorAll<HTMLButtonElement>('button')) button.disabled = disabled
  }
}
