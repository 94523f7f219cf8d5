// Judging's figure: N test cases in one judged run (compiled once, a process per case) against N separate runs of
// the same program, each with one case's stdin, all sent at once. Both timed from the first POST to every result
// known to the client (?wait=).
import type { LanguageId } from '../../src/languages.ts'
import type { Client } from './client.ts'
import { formatMs, quantile } from './stats.ts'

export const SUM_PROGRAMS: Partial<Record<LanguageId, string>> = {
  python: 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n',
  cpp: '#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
}

function cases(count: number): { stdin: string; expected_stdout: string }[] {
  return Array.from({ length: count }, (_, i) => ({ stdin: `${i} ${i * 7}\n`, expected_stdout: `${i * 8}\n` }))
}

async function oneJudgedRun(client: Client, sessionId: string, count: number): Promise<number> {
  const started = performance.now()
  const { status, json } = await client.call('POST', `/code-sessions/${sessionId}/run`, { test_cases: cases(count) })
  if (status !== 202) throw new Error(`judged run not accepted: ${status} ${JSON.stringify(json)}`)
  const execution = await client.outcome(json.execution_id, 'wait')
  const elapsed = performance.now() - started
  if (execution.test_summary?.passed !== count)
    throw new Error(`judged run: ${JSON.stringify(execution.test_summary)} ${execution.status} ${execution.stderr}`)
  return elapsed
}

async function separateRuns(client: Client, sessionIds: string[]): Promise<number> {
  const started = performance.now()
  await Promise.all(
    sessionIds.map(async (sessionId, i) => {
      const executionId = await client.run(sessionId)
      const execution = await client.outcome(executionId, 'wait')
      if (execution.stdout !== `${i * 8}\n`)
        throw new Error(`separate run ${i}: ${execution.status} ${execution.stdout}`)
    }),
  )
  return performance.now() - started
}

/** Lines of the judging section: medians of `rounds` rounds each way, and the ratio. */
export async function measureJudging(client: Client, language: LanguageId, count: number, rounds: number) {
  const source = SUM_PROGRAMS[language]
  if (!source) throw new Error(`no judging program for ${language}`)
  const judgedSession = await client.session(language, source)
  const separateSessions = await Promise.all(
    cases(count).map(async (testCase) => {
      const { status, json } = await client.call('POST', '/code-sessions', {
        language,
        source_code: source,
        stdin: testCase.stdin,
      })
      if (status !== 201) throw new Error(`session not created: ${status}`)
      return json.session_id as string
    }),
  )
  await oneJudgedRun(client, judgedSession, count) // warm-up
  const judged: number[] = []
  const separate: number[] = []
  for (let round = 0; round < rounds; round++) {
    judged.push(await oneJudgedRun(client, judgedSession, count))
    separate.push(await separateRuns(client, separateSessions))
  }
  const judgedMedian = quantile(judged, 0.5)
  const separateMedian = quantile(separate, 0.5)
  return (
    `  ${language.padEnd(10)} ${count} cases in one judged run: ${formatMs(judgedMedian)}; ` +
    `${count} separate runs sent at once: ${formatMs(separateMedian)}; ` +
    `${(separateMedian / judgedMedian).toFixed(1)}× faster (medians of ${rounds} rounds)`
  )
}
