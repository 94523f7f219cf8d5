// The Output region: the program's stdout and stderr as they arrive (stderr marked), then the verdict with
// exit code, duration, CPU time and peak memory.
import type { Execution } from './contract.ts'
import { byId, element } from './dom.ts'
import { formatBytes, formatDuration, verdictOf } from './format.ts'

/** stdin: what was sent to an interactive run, shown where it came in the conversation. */
type Stream = 'stdout' | 'stderr' | 'stdin'

export class OutputView {
  readonly #output = byId<HTMLPreElement>('output')
  readonly #verdict = byId('verdict')
  readonly #caption = byId('output-caption')
  #lastStream: Stream | undefined
  #hasOutput = false
  #shown: Record<Stream, string> = { stdout: '', stderr: '', stdin: '' }

  constructor() {
    this.clear('Run the program to see its output here.')
  }

  clear(placeholder = ''): void {
    this.#output.replaceChildren()
    this.#lastStream = undefined
    this.#hasOutput = false
    this.#shown = { stdout: '', stderr: '', stdin: '' }
    this.#verdict.hidden = true
    this.#verdict.replaceChildren()
    if (placeholder) this.#output.append(element('span', { class: 'placeholder' }, placeholder))
  }

  setCaption(text: string): void {
    this.#caption.textContent = text
  }

  append(stream: Stream, text: string): void {
    if (text === '') return
    if (!this.#hasOutput) this.#output.replaceChildren()
    this.#hasOutput = true
    this.#shown[stream] += text
    const atBottom = this.#output.scrollHeight - this.#output.scrollTop - this.#output.clientHeight < 24
    const last = this.#output.lastElementChild
    if (this.#lastStream === stream && last) last.append(text)
    else this.#output.append(element('span', { class: stream, 'data-stream': stream }, text))
    this.#lastStream = stream
    if (atBottom) this.#output.scrollTop = this.#output.scrollHeight
  }

  /** True when what is shown is exactly the run's stored output (nothing lost or cut on the way). */
  shows(execution: Execution): boolean {
    return this.#shown.stdout === execution.stdout && this.#shown.stderr === execution.stderr
  }

  /** The stored output of a run that was not followed live: stdout, then stderr. */
  showStored(execution: Execution): void {
    this.clear()
    this.append('stdout', execution.stdout)
    this.append('stderr', execution.stderr)
    if (!this.#hasOutput) this.#output.append(element('span', { class: 'placeholder' }, 'No output.'))
  }

  showVerdict(execution: Execution): void {
    if (!this.#hasOutput) this.#output.replaceChildren(element('span', { class: 'placeholder' }, 'No output.'))
    const truncated = [execution.stdout_truncated && 'stdout', execution.stderr_truncated && 'stderr'].filter(Boolean)
    if (truncated.length > 0) {
      this.#output.append(element('span', { class: 'note' }, `\n[${truncated.join(' and ')} cut at the output limit]`))
    }
    const verdict = verdictOf(execution)
    const facts: [string, string][] = [
      ['Exit code', execution.exit_code === null ? '—' : String(execution.exit_code)],
      ['Duration', execution.duration_ms === null ? '—' : formatDuration(execution.duration_ms)],
      ['CPU time', execution.cpu_time_ms == null ? '—' : formatDuration(execution.cpu_time_ms)],
      ['Peak memory', execution.peak_memory_bytes == null ? '—' : formatBytes(execution.peak_memory_bytes)],
    ]
    const status = execution.failure_reason ? `${execution.status} / ${execution.failure_reason}` : execution.status
    this.#verdict.className = `verdict tone-${verdict.tone}`
    this.#verdict.replaceChildren(
      element(
        'div',
        { class: 'verdict-head' },
        element('span', { class: 'badge', 'data-verdict': verdict.label }, verdict.label),
        element('span', { class: 'verdict-explanation' }, verdict.explanation),
        element('code', { class: 'verdict-status', title: 'status in the API' }, status),
      ),
      element(
        'dl',
        { class: 'facts' },
        ...facts.map(([term, value]) => element('div', {}, element('dt', {}, term), element('dd', {}, value))),
      ),
    )
    this.#verdict.hidden = false
  }
}
