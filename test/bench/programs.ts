// The hello program of each language, and the same program run by a bare `docker run` (the baseline).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { shellCommand } from '../../src/languages/shell-quote.ts'
import { LANGUAGE_IDS, type LanguageId, languageOf } from '../../src/languages.ts'
import { languageFixture } from '../languages/fixtures.ts'

const run = promisify(execFile)

/** Each language's hello (test/fixtures/<id>/hello.*): it prints "hello from <id>". */
export const HELLO: Record<LanguageId, string> = Object.fromEntries(
  LANGUAGE_IDS.map((language) => [language, languageFixture(language, 'hello')]),
)

export function helloOf(language: LanguageId): string {
  const source = HELLO[language]
  if (source === undefined) throw new Error(`no hello for ${language}`)
  return source
}

/** The argv after the image in `docker run … <image> <argv>`: the hello, compiled and run the way the runner does. */
export function helloArgv(language: LanguageId): string[] {
  const { sourcePath, compileCommand, runCommand } = languageOf(language)
  const steps = [compileCommand, `exec ${shellCommand(runCommand)}`].filter((step) => step !== null)
  // $0 is the source: printf writes it as it is, whatever it holds.
  return ['sh', '-c', `printf '%s' "$0" > ${sourcePath} && ${steps.join(' && ')}`, helloOf(language)]
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
    ...languageOf(language).env.flatMap((entry) => ['--env', entry]),
    `${imagePrefix}/${languageOf(language).image}`,
    ...helloArgv(language),
  ])
  const elapsed = performance.now() - started
  assertHello(stdout, `bare docker run of ${language}`)
  return elapsed
}

/** Throws unless a hello printed what it should. */
export function assertHello(stdout: string, what: string): void {
  if (!/^hello from [a-z0-9-]+\n$/.test(stdout)) throw new Error(`${what} printed ${JSON.stringify(stdout)}`)
}
