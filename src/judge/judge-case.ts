import { outputMatches } from './compare-output.ts'
import type { CaseVerdict, CompareMode } from './verdicts.ts'

/** What the runner observed of one case (see images/runner/livecode-run.c, its verdict line). */
export interface CaseFacts {
  exitCode: number
  timedOut: boolean
  stdoutTruncated: boolean
  stderrTruncated: boolean
  /** The cgroup's OOM killer killed a process while the case ran. */
  oomKilled: boolean
  stdout: string
}

/**
 * A case's verdict. Precedence, when several apply: time_limit > memory_limit > output_limit > runtime_error >
 * wrong_answer > accepted. The case's own time limit wins because its kill can look like any other death; an
 * OOM kill only on the OOM killer's own count (as for runs, classify-outcome.ts); a cut output cannot be
 * compared. Without an expected output, a case that exits 0 is accepted.
 */
export function judgeCase(facts: CaseFacts, expected: string | null, compare: CompareMode): CaseVerdict {
  if (facts.timedOut) return 'time_limit'
  if (facts.oomKilled) return 'memory_limit'
  if (facts.stdoutTruncated || facts.stderrTruncated) return 'output_limit'
  if (facts.exitCode !== 0) return 'runtime_error'
  if (expected === null) return 'accepted'
  return outputMatches(expected, facts.stdout, compare) ? 'accepted' : 'wrong_answer'
}
