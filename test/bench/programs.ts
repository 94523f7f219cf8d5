// The hello program of each language, and the same program run by a bare `docker run` (the baseline).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { LANGUAGES, type LanguageId } from '../../src/languages.ts'

const run = promisify(execFile)

export const HELLO: Record<LanguageId, string> = {
  python: 'print("hello")\n',
  javascript: 'console.log("hello")\n',
  cpp: '#include <cstdio>\nint main() { std::puts("hello"); }\n',
}

/** The argv after the image in `docker run … <image> <argv>`: the hello, compiled the way the runner does for C++. */
export function helloArgv(language: LanguageId): string[] {
  if (language === 'python') return ['python3', '-c', HELLO.python]
  if (language === 'javascript') return ['node', '-e', HELLO.javascript]
  const { sourcePath, compileCommand, runCommand } = LANGUAGES.cpp
  // $0 is the source: printf writes it as it is, whatever it holds.
  return ['sh', '-c', `printf '%s' "$0" > ${sourcePath} && ${compileCommand} && ${runCommand.join(' ')}`, HELLO.cpp]
}

/** Milliseconds of `docker run --rm --network none <image> <hello>`, the output checked. */
export async function timeBareDockerRun(imagePrefix: string, language: LanguageId, runtime = 'runc'): Promise<number> {
  const started = performance.now()
  const { stdout } = await run('docker', [
    'run',
    '--rm',
    '--network',
    'none',
    '--runtime',
    runtime,
    `${imagePrefix}/${LANGUAGES[language].image}`,
    ...helloArgv(language),
  ])
  const elapsed = performance.now() - started
  assertHello(stdout, `bare docker run of ${language}`)
  return elapsed
}

/** Throws unless a hello printed what it should. */
export function assertHello(stdout: string, what: string): void {
  if (stdout !== 'hello\n') throw new Error(`${what} printed ${JSON.stringify(stdout)}`)
}
