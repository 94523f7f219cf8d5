/** One argv as a POSIX shell command line: every word single-quoted unless it is plainly safe. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ')
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:+,@%-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}
