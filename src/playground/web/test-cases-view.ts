// The Test cases region: a table of cases (input, expected output, verdict per row) beside the output. With at
// least one row, Run judges the program against them (POST …/run with test_cases); verdicts fill in live.
import type { RunTestCase, TestResult } from './contract.ts'
import { byId, element } from './dom.ts'

interface Row {
  stdin: HTMLTextAreaElement
  expected: HTMLTextAreaElement
  verdict: HTMLElement
  node: HTMLTableRowElement
}

const VERDICT_LABELS: Record<string, string> = {
  accepted: 'Accepted',
  wrong_answer: 'Wrong answer',
  runtime_error: 'Runtime error',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  skipped: 'Skipped',
}

export class TestCasesView {
  readonly #body = byId<HTMLTableSectionElement>('test-cases-body')
  readonly #summary = byId('test-cases-summary')
  readonly #empty = byId('test-cases-empty')
  readonly #table = byId('test-cases-table')
  readonly #onChange: () => void
  #rows: Row[] = []

  constructor(onChange: () => void) {
    this.#onChange = onChange
    byId('add-test-case').addEventListener('click', () => {
      this.add()
      this.#rows.at(-1)?.stdin.focus()
      this.#onChange()
    })
    this.#render()
  }

  /** The cases to judge against; none: a plain run. */
  cases(): RunTestCase[] {
    return this.#rows.map((row) => ({
      stdin: row.stdin.value,
      ...(row.expected.value === '' ? {} : { expected_stdout: row.expected.value }),
    }))
  }

  /** The rows as they are typed, for the page to keep with its session. */
  drafts(): { stdin: string; expected_stdout: string }[] {
    return this.#rows.map((row) => ({ stdin: row.stdin.value, expected_stdout: row.expected.value }))
  }

  load(drafts: { stdin: string; expected_stdout: string }[]): void {
    this.#rows = []
    this.#body.replaceChildren()
    for (const draft of drafts) this.add(draft)
    this.#render()
  }

  add(draft = { stdin: '', expected_stdout: '' }): void {
    const number = this.#rows.length + 1
    const stdin = element('textarea', { rows: '2', spellcheck: 'false', 'aria-label': `Case ${number} input` })
    stdin.value = draft.stdin
    const expected = element('textarea', {
      rows: '2',
      spellcheck: 'false',
      'aria-label': `Case ${number} expected output`,
    })
    expected.value = draft.expected_stdout
    const verdict = element('span', { class: 'case-verdict', 'aria-label': `Case ${number} verdict` })
    const remove = element(
      'button',
      { type: 'button', class: 'button ghost', 'aria-label': `Remove case ${number}` },
      '✕',
    )
    const node = element(
      'tr',
      {},
      element('td', { class: 'case-number' }, String(number)),
      element('td', {}, stdin),
      element('td', {}, expected),
      element('td', {}, verdict),
      element('td', {}, remove),
    )
    const row = { stdin, expected, verdict, node }
    for (const field of [stdin, expected]) field.addEventListener('input', () => this.#onChange())
    remove.addEventListener('click', () => {
      this.load(this.drafts().filter((_, index) => index !== this.#rows.indexOf(row)))
      this.#onChange()
    })
    this.#rows.push(row)
    this.#body.append(node)
    this.#render()
  }

  /** A run starts: every verdict pending. */
  pending(): void {
    for (const row of this.#rows) this.#setVerdict(row, 'pending', '…')
    this.#summary.textContent = ''
  }

  /** One case's verdict, as the live stream tells it. */
  showResult(result: TestResult): void {
    const row = this.#rows[result.index]
    if (!row || !result.verdict) return
    this.#setVerdict(row, result.verdict, VERDICT_LABELS[result.verdict] ?? result.verdict)
    row.verdict.title = result.stdout ? `stdout: ${result.stdout}` : ''
  }

  /** The stored results of a run (none: not a judged run, the verdicts are cleared). */
  showResults(results: TestResult[] | null | undefined): void {
    for (const row of this.#rows) this.#setVerdict(row, '', '')
    if (!results) {
      this.#summary.textContent = ''
      return
    }
    for (const result of results) this.showResult(result)
    const passed = results.filter((result) => result.verdict === 'accepted').length
    this.#summary.textContent = `${passed} of ${results.length} passed`
  }

  #setVerdict(row: Row, verdict: string, label: string): void {
    row.verdict.dataset.verdict = verdict
    row.verdict.textContent = label
  }

  #render(): void {
    this.#empty.hidden = this.#rows.length > 0
    this.#table.hidden = this.#rows.length === 0
  }
}
