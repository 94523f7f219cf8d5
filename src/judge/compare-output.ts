import type { CompareMode } from './verdicts.ts'

/** Whether the program's stdout is the expected one, as the run's compare mode reads it. */
export function outputMatches(expected: string, actual: string, mode: CompareMode): boolean {
  if (mode === 'exact') return expected === actual
  return normalizedLines(expected) === normalizedLines(actual)
}

/** Line endings as \n, each line without its trailing spaces and tabs, the trailing empty lines dropped. */
function normalizedLines(text: string): string {
  const lines = text
    .replaceAll('\r\n', '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\r]+$/, ''))
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  return lines.join('\n')
}
