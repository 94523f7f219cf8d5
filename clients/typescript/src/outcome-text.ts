import type { Execution } from './types.ts'

/** An execution as text an agent (or a person) reads at once: verdict, exit code, usage, output with cut marks. */
export function outcomeText(execution: Execution): string {
  const verdict =
    execution.status === 'FAILED' ? `FAILED (${execution.failure_reason ?? 'unknown reason'})` : execution.status
  const lines = [`verdict: ${verdict}`, `exit code: ${execution.exit_code ?? 'none'}`]
  const usage = [
    execution.duration_ms === null ? null : `${execution.duration_ms} ms wall`,
    execution.cpu_time_ms === null ? null : `${execution.cpu_time_ms} ms CPU`,
    execution.peak_memory_bytes === null
      ? null
      : `${(execution.peak_memory_bytes / 2 ** 20).toFixed(1)} MiB peak memory`,
  ].filter((part) => part !== null)
  if (usage.length > 0) lines.push(`usage: ${usage.join(', ')}`)
  if (execution.test_results) lines.push(...caseLines(execution))
  lines.push(...stream('stdout', execution.stdout, execution.stdout_truncated))
  lines.push(...stream('stderr', execution.stderr, execution.stderr_truncated))
  lines.push(`execution_id: ${execution.execution_id}`)
  return lines.join('\n')
}

function stream(name: string, text: string, truncated: boolean): string[] {
  if (text === '' && !truncated) return [`${name}: (empty)`]
  const body = text.endsWith('\n') ? text.slice(0, -1) : text
  return [`${name}:`, body, ...(truncated ? [`[${name} cut here: the run reached its output limit]`] : [])]
}

/** Longest excerpt of a case's expected and actual output shown beside a wrong answer. */
const EXCERPT_CHARS = 200

function caseLines(execution: Execution): string[] {
  const summary = execution.test_summary
  const lines = [summary ? `tests: ${summary.passed}/${summary.total} passed` : 'tests:']
  for (const testCase of execution.test_results ?? []) {
    const name = `case ${testCase.index}${testCase.hidden ? ' (hidden)' : ''}`
    const timing = testCase.duration_ms == null ? '' : ` in ${testCase.duration_ms} ms`
    lines.push(`${name}: ${testCase.verdict ?? 'not judged'}${timing}`)
    if (testCase.verdict === 'wrong_answer' && !testCase.hidden) {
      lines.push(`  expected: ${excerpt(testCase.expected_stdout ?? '')}`)
      lines.push(`  got:      ${excerpt(testCase.stdout ?? '')}${testCase.stdout_truncated ? ' [cut]' : ''}`)
    }
  }
  return lines
}

function excerpt(text: string): string {
  const shown = JSON.stringify(text.slice(0, EXCERPT_CHARS))
  return text.length > EXCERPT_CHARS ? `${shown}…` : shown
}
