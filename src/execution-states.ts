/** The words every part uses about an execution: its statuses, why it failed, and which states are final. */
export const EXECUTION_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'TIMEOUT'] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]

export const UNFINISHED_STATUSES = ['QUEUED', 'RUNNING'] as const satisfies readonly ExecutionStatus[]
export type UnfinishedStatus = (typeof UNFINISHED_STATUSES)[number]
export const TERMINAL_STATUSES = ['COMPLETED', 'FAILED', 'TIMEOUT'] as const satisfies readonly ExecutionStatus[]
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number]

export function isTerminalStatus(status: string): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status)
}

export const FAILURE_REASONS = [
  'compile_error',
  'runtime_error',
  'memory_limit',
  'output_limit',
  'internal_error',
  'cancelled',
] as const
export type FailureReason = (typeof FAILURE_REASONS)[number]

/** The stderr of a run the platform gave up on (FAILED/internal_error): the client may simply run it again. */
export const INTERNAL_ERROR_MESSAGE = 'LiveCode could not run this program (platform failure); please run it again.'
