// How numbers and verdicts read on the page. Pure: tested in Node by test/playground/format.test.ts.
import type { ExecutionStatus } from './contract.ts'

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

/** "in 42 s", "in 2 min 5 s": when a refused request may be tried again. */
export function formatWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds))
  if (whole < 60) return `${whole} s`
  const minutes = Math.floor(whole / 60)
  const rest = whole % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
}

/** "exit code 1", or "killed by SIGSEGV (exit code 139)" for 128+n. */
export function describeExitCode(code: number): string {
  const signal = code > 128 ? SIGNALS[code - 128] : undefined
  return signal ? `killed by ${signal} (exit code ${code})` : `exit code ${code}`
}

export type Tone = 'success' | 'failure' | 'warning' | 'neutral' | 'busy'

export interface Verdict {
  label: string
  tone: Tone
  /** One sentence on what happened, for the person who ran it. */
  explanation: string
}

interface VerdictInput {
  status: ExecutionStatus
  failure_reason: string | null
  exit_code: number | null
}

/** The verdict of each status but FAILED, whose verdict is its reason's. */
const STATUS_VERDICTS: Record<Exclude<ExecutionStatus, 'FAILED'>, Verdict> = {
  QUEUED: { label: 'Queued', tone: 'busy', explanation: 'Waiting for a free sandbox.' },
  RUNNING: { label: 'Running', tone: 'busy', explanation: 'Running in its sandbox.' },
  COMPLETED: { label: 'Completed', tone: 'success', explanation: 'The program ran to its end.' },
  TIMEOUT: { label: 'Timed out', tone: 'warning', explanation: 'Stopped at the time limit (compile included).' },
}

/** A FAILED run's verdict by its failure_reason (a Map: a reason from the wire never reaches Object's own keys). */
const FAILURE_VERDICTS: ReadonlyMap<string, Verdict> = new Map(
  Object.entries({
    compile_error: {
      label: 'Compile error',
      tone: 'failure',
      explanation: 'The compiler rejected the source: see stderr.',
    },
    runtime_error: { label: 'Runtime error', tone: 'failure', explanation: 'The program failed.' },
    memory_limit: { label: 'Memory limit exceeded', tone: 'failure', explanation: 'Killed for using too much memory.' },
    output_limit: {
      label: 'Output limit exceeded',
      tone: 'failure',
      explanation: 'Stopped for writing too much output; the first part is kept.',
    },
    cancelled: {
      label: 'Cancelled',
      tone: 'neutral',
      explanation: 'You cancelled this run; its output so far is kept.',
    },
    internal_error: {
      label: 'Internal error',
      tone: 'warning',
      explanation: 'LiveCode itself failed, not your program. Try again.',
    },
  } satisfies Record<string, Verdict>),
)

/** The verdict of a run as a person reads it; the API's status and reason stay visible beside it. */
export function verdictOf({ status, failure_reason, exit_code }: VerdictInput): Verdict {
  if (status !== 'FAILED') return STATUS_VERDICTS[status]
  const verdict = FAILURE_VERDICTS.get(failure_reason ?? '')
  if (!verdict) return { label: 'Failed', tone: 'failure', explanation: failure_reason ?? 'The run failed.' }
  if (failure_reason === 'runtime_error' && exit_code !== null)
    return { ...verdict, explanation: `The program ended with ${describeExitCode(exit_code)}.` }
  return verdict
}
