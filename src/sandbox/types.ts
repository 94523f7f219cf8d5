import type { FailureReason, TerminalStatus } from '../execution-states.ts'
import type { CaseVerdict, CompareMode } from '../judge/verdicts.ts'
import type { LanguageId } from '../languages.ts'
import type { Usage } from './usage-report.ts'

/** The limits of one run, taken from the config module. */
export interface SandboxLimits {
  timeoutMs: number
  outputLimitBytes: number
  memoryBytes: number
  cpus: number
  pidsLimit: number
  tmpSizeBytes: number
  nofile: number
}

/** Everything the worker decides about sandboxes; no request field may change any of it. */
export interface SandboxSettings {
  imagePrefix: string
  runtime: string
  limits: SandboxLimits
}

export interface SandboxRequest {
  executionId: string
  language: LanguageId
  sourceCode: string
  stdin: string
  /** Given (1 or more): a judged run, compiled once and run once per case (`stdin` is then unused). */
  testCases?: readonly SandboxTestCase[] | undefined
  compare?: CompareMode | undefined
  /** The program's stdin stays open after `stdin`: more comes through RunOptions.input. */
  interactive?: boolean | undefined
}

/** Where an interactive run's further input comes from. */
export interface InputFeed {
  /** Called once the program's stdin is open: `write` sends it more, `end` closes it. */
  open(stdin: { write(data: Buffer): void; end(): void }): void
}

/** One test case as the sandbox needs it. */
export interface SandboxTestCase {
  stdin: string
  /** null: the case is judged on its exit alone. */
  expectedStdout: string | null
  timeLimitMs: number
}

/** What one case of a judged run did, and its verdict. */
export interface CaseResult extends Usage {
  index: number
  verdict: CaseVerdict
  exitCode: number | null
  stdout: string
  stderr: string
  stdoutTruncated: boolean
  stderrTruncated: boolean
  durationMs: number | null
}

/** What the user's program did. Platform failures are thrown (SandboxPlatformError), never returned. */
export interface SandboxOutcome extends Usage {
  status: TerminalStatus
  failureReason: Exclude<FailureReason, 'internal_error'> | null
  exitCode: number | null
  stdout: string
  stderr: string
  stdoutTruncated: boolean
  stderrTruncated: boolean
  durationMs: number
  /** A judged run's cases, in order, each with its verdict (skipped where the run never reached it). */
  testResults?: CaseResult[] | undefined
}

/** The platform (Docker daemon, a missing image) failed: worth retrying; not the user's fault. */
export class SandboxPlatformError extends Error {
  override name = 'SandboxPlatformError'
}
