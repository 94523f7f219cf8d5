import type { CaseVerdict } from '../judge/verdicts.ts'
import { classifyOutcome, type RunFacts } from './classify-outcome.ts'
import type { JudgedCases } from './judged-cases.ts'
import type { SandboxOutcome } from './types.ts'

/**
 * A judged run's outcome: the run's own (classify-outcome.ts decides it: cancelled, TIMEOUT at the run's wall
 * clock, compile_error) and a result per case. A run whose runner went through every case is COMPLETED whatever
 * the verdicts: the OOM kills its cgroup counted were the cases' own, and their verdicts say so. A case the run's
 * end cut short takes the run's reason (time_limit, memory_limit, or runtime_error where the whole sandbox died
 * with no evidence why: gVisor's Sentry killed at the memory cap, its OOM notification missed), and the cases
 * never reached are skipped.
 */
export function classifyJudgedOutcome(facts: RunFacts, cases: JudgedCases): SandboxOutcome {
  const throughEveryCase = cases.allJudged && facts.killedBy === null
  const outcome = classifyOutcome(throughEveryCase ? { ...facts, oomKilled: false } : facts)
  const testResults = cases.results(cutShortVerdict(outcome))
  const exitCode = outcome.failureReason === 'compile_error' ? outcome.exitCode : null
  return { ...outcome, exitCode, testResults }
}

function cutShortVerdict(outcome: SandboxOutcome): CaseVerdict {
  if (outcome.status === 'TIMEOUT') return 'time_limit'
  if (outcome.failureReason === 'memory_limit') return 'memory_limit'
  if (outcome.failureReason === 'output_limit') return 'output_limit'
  if (outcome.failureReason === 'runtime_error') return 'runtime_error'
  return 'skipped'
}
