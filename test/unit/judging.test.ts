// Judging's pure parts: the runner's lines found in a stream cut anywhere, each case's output kept apart, verdicts
// and their precedence, the comparison modes, the run's status, and a case as clients see it.
import t from 'tap'
import { outputMatches } from '../../src/judge/compare-output.ts'
import { judgeCase } from '../../src/judge/judge-case.ts'
import { presentTestResult, withResult } from '../../src/judge/present-test-result.ts'
import { classifyJudgedOutcome } from '../../src/sandbox/classify-judged-outcome.ts'
import { JudgedCases } from '../../src/sandbox/judged-cases.ts'
import { NonceLineScanner } from '../../src/sandbox/nonce-lines.ts'
import { OutputCollector } from '../../src/sandbox/output-collector.ts'
import type { CaseResult } from '../../src/sandbox/types.ts'

const NONCE = 'abc123'
const line = (text: string) => `\x1e${NONCE} ${text}\n`

/** Feeds `text` in chunks of `size` bytes, as a stream may cut it. */
function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'latin1')
  const parts: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size))
  return parts
}

t.test('the scanner finds the runner lines however the stream is cut, and keeps the rest as data', async (t) => {
  const stream = `out\x1eput${line('case 0')}hello${line('verdict 0 0 - 5 - - -')}tail\x1e${NONCE}`
  for (const size of [1, 2, 3, 7, 1000]) {
    const scanner = new NonceLineScanner(NONCE)
    const lines: string[] = []
    let data = ''
    for (const part of chunks(stream, size)) {
      for (const piece of scanner.scan(part)) {
        if ('line' in piece) lines.push(piece.line)
        else data += piece.data.toString('latin1')
      }
    }
    data += scanner.end().toString('latin1')
    t.strictSame(lines, ['case 0', 'verdict 0 0 - 5 - - -'], `cut every ${size} bytes: the lines`)
    t.equal(data, `out\x1eputhellotail\x1e${NONCE}`, `cut every ${size} bytes: the data, a held prefix given back`)
  }
  t.equal(new NonceLineScanner(NONCE).prefix.toString('latin1'), `\x1e${NONCE} `)
})

t.test('each case gets its own stdout and stderr; the run keeps its own bytes and end lines', async (t) => {
  const judged: CaseResult[] = []
  const cases = new JudgedCases(
    [
      { stdin: '', expectedStdout: 'a', timeLimitMs: 1000 },
      { stdin: '', expectedStdout: 'b', timeLimitMs: 1000 },
      { stdin: '', expectedStdout: null, timeLimitMs: 1000 },
    ],
    'lines',
    1000,
    (result) => judged.push(result),
  )
  const stdout = new OutputCollector(1000, { judged: cases.stream('stdout', NONCE) })
  const stderr = new OutputCollector(1000, { judged: cases.stream('stderr', NONCE) })
  const out = `${line('case 0')}a\n${line('verdict 0 0 - 12 3000000 4096 0')}${line('case 1')}x\n${line('verdict 1 0 - 7 - - -')}${line('case 2')}${line('verdict 2 0 t 1000 - - 0')}${line('1000 2000 0 0')}`
  const err = `compiler says hi\n${line('case 0')}${line('case 1')}warn\n${line('case 2')}${line('end')}`
  for (const part of chunks(out, 5)) stdout.push(part)
  t.equal(judged.length, 0, 'no verdict before its stderr is complete')
  for (const part of chunks(err, 3)) stderr.push(part)
  t.equal(stdout.text(), `${line('1000 2000 0 0')}`, "the run's own stdout: only its end line (no usage filter here)")
  t.equal(stderr.text(), `compiler says hi\n${line('end')}`, "the compiler's output stays the run's")
  t.ok(cases.allJudged)
  const results = cases.results('skipped')
  t.match(results, [
    { index: 0, verdict: 'accepted', stdout: 'a\n', stderr: '', durationMs: 12, cpuTimeMs: 3, peakMemoryBytes: 4096 },
    { index: 1, verdict: 'wrong_answer', stdout: 'x\n', stderr: 'warn\n', cpuTimeMs: null, peakMemoryBytes: null },
    { index: 2, verdict: 'time_limit', exitCode: null },
  ])
  t.strictSame(
    judged.map((result) => result.index),
    [0, 1, 2],
    'each told once, in order',
  )
  t.notOk(cases.verdictLine('verdict 9 0 - 1 - - -'), 'a verdict for no such case is not one')
  t.notOk(cases.verdictLine('nonsense'))
})

t.test('a run cut short: the case it cut takes its reason, the others are skipped', async (t) => {
  const cases = new JudgedCases(
    [
      { stdin: '', expectedStdout: null, timeLimitMs: 1000 },
      { stdin: '', expectedStdout: null, timeLimitMs: 1000 },
      { stdin: '', expectedStdout: null, timeLimitMs: 1000 },
    ],
    'exact',
    1000,
  )
  const stdout = new OutputCollector(1000, { stripMarker: true, judged: cases.stream('stdout', NONCE) })
  const stderr = new OutputCollector(1000, { judged: cases.stream('stderr', NONCE) })
  stdout.push(Buffer.from(`R${line('case 0')}${line('verdict 0 0 - 3 - - -')}${line('case 1')}partial`, 'latin1'))
  stderr.push(Buffer.from(`${line('case 0')}${line('case 1')}`, 'latin1'))
  const facts = { killedBy: 'timeout' as const, exitCode: 137, oomKilled: false, stdout, stderr, durationMs: 30_000 }
  const outcome = classifyJudgedOutcome(facts, cases)
  t.match(outcome, { status: 'TIMEOUT', exitCode: null })
  t.strictSame(
    outcome.testResults?.map((result) => result.verdict),
    ['accepted', 'time_limit', 'skipped'],
  )

  const cancelled = classifyJudgedOutcome({ ...facts, killedBy: 'cancel' }, cases)
  t.match(cancelled, { status: 'FAILED', failureReason: 'cancelled' })
  t.equal(cancelled.testResults?.[1]?.verdict, 'skipped')
  const died = classifyJudgedOutcome({ ...facts, killedBy: null }, cases)
  t.match(died, { status: 'FAILED', failureReason: 'runtime_error' }, 'a sandbox gone with no evidence why')
  t.equal(died.testResults?.[1]?.verdict, 'runtime_error')
  const oom = classifyJudgedOutcome({ ...facts, killedBy: null, oomKilled: true }, cases)
  t.equal(oom.testResults?.[1]?.verdict, 'memory_limit')
})

t.test('verdicts: their precedence, and the two ways to compare', async (t) => {
  const clean = {
    exitCode: 0,
    timedOut: false,
    stdoutTruncated: false,
    stderrTruncated: false,
    oomKilled: false,
    stdout: '42 \n\n',
  }
  t.equal(judgeCase(clean, '42', 'lines'), 'accepted')
  t.equal(judgeCase(clean, '42', 'exact'), 'wrong_answer')
  t.equal(judgeCase(clean, null, 'exact'), 'accepted', 'no expected output: the exit alone')
  t.equal(judgeCase({ ...clean, exitCode: 3 }, '42', 'lines'), 'runtime_error')
  t.equal(judgeCase({ ...clean, exitCode: 3, stdoutTruncated: true }, '42', 'lines'), 'output_limit')
  t.equal(judgeCase({ ...clean, oomKilled: true, stderrTruncated: true }, '42', 'lines'), 'memory_limit')
  t.equal(judgeCase({ ...clean, timedOut: true, oomKilled: true }, '42', 'lines'), 'time_limit')
  t.ok(outputMatches('a\nb', 'a  \r\nb\t\n\n\n', 'lines'), 'trailing spaces, CR and empty lines ignored')
  t.notOk(outputMatches('a\nb', 'a\n\nb', 'lines'), 'an empty line inside still counts')
  t.notOk(outputMatches(' a', 'a', 'lines'), 'leading spaces count')
  t.ok(outputMatches('a\n', 'a\n', 'exact'))
})

t.test('a case as clients see it: hidden shows its verdict only; null until the run ends', async (t) => {
  const row = {
    execution_id: 'e',
    index: 1,
    stdin: 'secret input',
    expected_stdout: 'secret output',
    time_limit_ms: 5000,
    hidden: false,
    verdict: null,
    exit_code: null,
    stdout: null,
    stderr: null,
    stdout_truncated: false,
    stderr_truncated: false,
    duration_ms: null,
    cpu_time_ms: null,
    peak_memory_bytes: null,
  }
  t.match(presentTestResult(row, false), { index: 1, hidden: false, verdict: null, stdin: 'secret input' })
  t.equal(presentTestResult(row, true).verdict, 'skipped', 'never reached')
  const result: CaseResult = {
    index: 1,
    verdict: 'accepted',
    exitCode: 0,
    stdout: 'ok',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 9,
    cpuTimeMs: 4,
    peakMemoryBytes: 2048,
  }
  t.match(presentTestResult(withResult(row, result), true), {
    verdict: 'accepted',
    stdout: 'ok',
    cpu_time_ms: 4,
    peak_memory_bytes: 2048,
  })
  t.strictSame(presentTestResult(withResult({ ...row, hidden: true }, result), true), {
    index: 1,
    hidden: true,
    verdict: 'accepted',
  })
})
