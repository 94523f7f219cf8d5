import type { FailureReason, TerminalStatus } from '../execution-states.ts'
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
}

/** The platform (Docker daemon, a missing image) failed: worth retrying; not the user's fault. */
export class SandboxPlatformError extends Error {
  override name = 'SandboxPlatformError'
}
