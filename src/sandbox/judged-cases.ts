import { judgeCase } from '../judge/judge-case.ts'
import type { CaseVerdict, CompareMode } from '../judge/verdicts.ts'
import { NonceLineScanner } from './nonce-lines.ts'
import { OutputCollector } from './output-collector.ts'
import type { CaseResult, SandboxTestCase } from './types.ts'

/** The runner's line after a case: "verdict <index> <exit status> <flags> <wall ms> <cpu ns> <peak bytes> <oom kills>". */
const VERDICT_LINE = /^verdict (\d+) (\d+) ([toe]+|-) (\d+) (\d+|-) (\d+|-) (\d+|-)$/
const CASE_LINE = /^case (\d+)$/

interface CaseRecord {
  stdout: OutputCollector
  stderr: OutputCollector
  verdictLine: RegExpExecArray | null
  stderrDone: boolean
  result: CaseResult | null
}

/**
 * The test cases of one judged run as their output and verdict lines arrive (two JudgedStreams feed it): each case's
 * output apart, and its result once both its verdict (stdout) and the end of its stderr are in.
 */
export class JudgedCases {
  readonly #cases: readonly SandboxTestCase[]
  readonly #records: CaseRecord[]
  readonly #compare: CompareMode
  readonly #onJudged: ((result: CaseResult) => void) | undefined
  /** The case the runner started last (its output may be cut short by the run's end). */
  #started: number | null = null

  constructor(
    cases: readonly SandboxTestCase[],
    compare: CompareMode,
    outputLimitBytes: number,
    onJudged?: (result: CaseResult) => void,
  ) {
    this.#cases = cases
    this.#compare = compare
    this.#onJudged = onJudged
    this.#records = cases.map(() => ({
      stdout: new OutputCollector(outputLimitBytes),
      stderr: new OutputCollector(outputLimitBytes),
      verdictLine: null,
      stderrDone: false,
      result: null,
    }))
  }

  /** A stream to feed one output stream of the run through; it gives back what is not the cases'. */
  stream(name: 'stdout' | 'stderr', nonce: string): JudgedStream {
    return new JudgedStream(this, name, nonce)
  }

  /** Every case has its result: the runner went through them all. */
  get allJudged(): boolean {
    return this.#records.every((record) => record.result !== null)
  }

  /**
   * The results in case order. A case without one was cut short by the run's end: `unfinished` is its verdict
   * if it was running then (time_limit at the run's wall clock, say), and the cases never reached are skipped.
   */
  results(unfinished: CaseVerdict): CaseResult[] {
    return this.#records.map((record, index) => {
      if (record.result) return record.result
      const verdict = index === this.#started ? unfinished : 'skipped'
      return skippedResult(index, verdict)
    })
  }

  caseStarted(index: number): void {
    if (index < this.#records.length) this.#started = index
  }

  output(index: number, name: 'stdout' | 'stderr', bytes: Buffer): void {
    this.#records[index]?.[name].push(bytes)
  }

  stderrEnded(index: number): void {
    const record = this.#records[index]
    if (!record) return
    record.stderrDone = true
    this.#judgeIfComplete(index)
  }

  verdictLine(line: string): boolean {
    const match = VERDICT_LINE.exec(line)
    const record = match ? this.#records[Number(match[1])] : undefined
    if (!match || !record) return false
    record.verdictLine = match
    this.#judgeIfComplete(Number(match[1]))
    return true
  }

  #judgeIfComplete(index: number): void {
    const record = this.#records[index] as CaseRecord
    const testCase = this.#cases[index] as SandboxTestCase
    const match = record.verdictLine
    if (!match || !record.stderrDone || record.result) return
    const [, , status, flags = '-', wallMs, cpuNs = '-', peak = '-', oomKills = '-'] = match
    const facts = {
      exitCode: Number(status),
      timedOut: flags.includes('t'),
      stdoutTruncated: flags.includes('o'),
      stderrTruncated: flags.includes('e'),
      oomKilled: oomKills !== '-' && Number(oomKills) > 0,
      stdout: record.stdout.text(),
    }
    const verdict = judgeCase(facts, testCase.expectedStdout, this.#compare)
    record.result = {
      index,
      verdict,
      exitCode: facts.timedOut || facts.oomKilled ? null : facts.exitCode,
      stdout: facts.stdout,
      stderr: record.stderr.text(),
      stdoutTruncated: facts.stdoutTruncated,
      stderrTruncated: facts.stderrTruncated,
      durationMs: Number(wallMs),
      cpuTimeMs: cpuNs === '-' ? null : Math.round(Number(cpuNs) / 1e6),
      peakMemoryBytes: peak === '-' ? null : Number(peak),
    }
    this.#onJudged?.(record.result)
  }
}

function skippedResult(index: number, verdict: CaseVerdict): CaseResult {
  return {
    index,
    verdict,
    exitCode: null,
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: null,
    cpuTimeMs: null,
    peakMemoryBytes: null,
  }
}

/**
 * One output stream of a judged run, split by the runner's lines: "case <i>" starts case i's output, "verdict …"
 * (stdout) ends it; what comes before the first case (the compiler's output) and the run's own end lines are the
 * run's, given back to the caller (the end lines whole, for the usage report to read).
 */
export class JudgedStream {
  readonly #cases: JudgedCases
  readonly #name: 'stdout' | 'stderr'
  readonly #scanner: NonceLineScanner
  #current: number | null = null

  constructor(cases: JudgedCases, name: 'stdout' | 'stderr', nonce: string) {
    this.#cases = cases
    this.#name = name
    this.#scanner = new NonceLineScanner(nonce)
  }

  /** Takes a chunk of the stream; returns the bytes that are the run's own. */
  take(bytes: Buffer): Buffer {
    const own: Buffer[] = []
    for (const piece of this.#scanner.scan(bytes)) {
      if ('line' in piece) own.push(this.#line(piece.line))
      else if (this.#current === null) own.push(piece.data)
      else this.#cases.output(this.#current, this.#name, piece.data)
    }
    return own.length === 1 ? (own[0] as Buffer) : Buffer.concat(own)
  }

  /** What was held back at the stream's end. */
  end(): Buffer {
    const held = this.#scanner.end()
    if (this.#current === null) return held
    this.#cases.output(this.#current, this.#name, held)
    return Buffer.alloc(0)
  }

  /** A runner line; returns the bytes to give back to the run's stream (its end lines), if any. */
  #line(text: string): Buffer {
    const started = CASE_LINE.exec(text)
    if (started) {
      this.#endCurrent()
      this.#current = Number(started[1])
      if (this.#name === 'stdout') this.#cases.caseStarted(this.#current)
      return Buffer.alloc(0)
    }
    if (this.#name === 'stdout' && this.#cases.verdictLine(text)) {
      this.#current = null
      return Buffer.alloc(0)
    }
    this.#endCurrent()
    return Buffer.concat([this.#scanner.prefix, Buffer.from(`${text}\n`, 'latin1')])
  }

  #endCurrent(): void {
    if (this.#current !== null && this.#name === 'stderr') this.#cases.stderrEnded(this.#current)
    this.#current = null
  }
}
