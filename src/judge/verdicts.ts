/** The words of judging: a test case's verdicts and the ways an output is compared with the expected one. */
export const CASE_VERDICTS = [
  'accepted',
  'wrong_answer',
  'runtime_error',
  'time_limit',
  'memory_limit',
  'output_limit',
  'skipped',
] as const
export type CaseVerdict = (typeof CASE_VERDICTS)[number]

/** exact: byte for byte; lines: trailing spaces of each line and trailing empty lines ignored. */
export const COMPARE_MODES = ['lines', 'exact'] as const
export type CompareMode = (typeof COMPARE_MODES)[number]
