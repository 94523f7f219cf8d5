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
