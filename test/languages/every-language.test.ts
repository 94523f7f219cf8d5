// Every language of images/*/language.json, table-driven: hello, stdin echoed, a compile (or syntax) error, a
// runtime error with its exit code, and a 2 s busy loop killed at a judged case's 1 s limit. Real Docker, the
// default limits (the sandbox of a worker with the default config).
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { LANGUAGE_IDS, languageOf } from '../../src/languages.ts'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import type { SandboxOutcome, SandboxTestCase } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { killMarginMs } from '../helpers/runtime.ts'
import { dockerClient } from '../sandbox/helpers.ts'
import { languageExpectations, languageFixture } from './fixtures.ts'
import { defaultSandboxSettings } from './helpers.ts'

const docker = dockerClient()
const workerId = `test-languages-${randomUUID()}`
const settings = defaultSandboxSettings()

function run(language: string, name: string, stdin = '', testCases?: SandboxTestCase[]): Promise<SandboxOutcome> {
  const request = { executionId: randomUUID(), language, sourceCode: languageFixture(language, name), stdin, testCases }
  return runInSandbox(docker, settings, request, { workerId })
}

t.test('the languages are the folders of images/ with a language.json', async (t) => {
  t.strictSame(LANGUAGE_IDS, ['c', 'cpp', 'go', 'java', 'javascript', 'python', 'ruby', 'rust', 'typescript'])
})

for (const language of LANGUAGE_IDS) {
  const expected = languageExpectations(language)
  const compiled = languageOf(language).compileCommand !== null

  t.test(language, async (t) => {
    const hello = await run(language, 'hello')
    t.match(hello, { status: 'COMPLETED', failureReason: null, exitCode: 0, stdout: `hello from ${language}\n` })
    t.ok(hello.durationMs < 15_000, `hello, compile included, well inside the 30 s limit (${hello.durationMs} ms)`)

    const input = 'first line\nsecond: ünïcödé ✓\n\nlast, without a newline'
    const echo = await run(language, 'echo', input)
    t.match(echo, { status: 'COMPLETED', exitCode: 0 })
    t.equal(echo.stdout, input, 'stdin comes back byte for byte')

    // Interpreted languages have no compile step: their syntax error is the interpreter's exit at start-up.
    const broken = await run(language, 'compile_error')
    t.match(broken, {
      status: 'FAILED',
      failureReason: expected.compileError.failureReason,
      exitCode: expected.compileError.exitCode,
      stdout: '',
    })
    t.equal(expected.compileError.failureReason === 'compile_error', compiled, 'compile_error exactly where compiled')
    t.ok(
      broken.stderr.includes(expected.compileError.stderr),
      `the ${compiled ? 'compiler' : 'interpreter'}'s message: ${JSON.stringify(broken.stderr.slice(0, 300))}`,
    )

    const crash = await run(language, 'crash')
    t.match(crash, { status: 'FAILED', failureReason: 'runtime_error', exitCode: expected.crash.exitCode })
    t.equal(crash.stdout, 'before\n', 'what it printed before failing is kept')
    t.ok(crash.stderr.includes(expected.crash.stderr), `its error: ${JSON.stringify(crash.stderr.slice(0, 300))}`)

    // A judged case has a time limit of its own, counted from its program's start (the compile is not in it).
    const busy = await run(language, 'busy', '', [{ stdin: '', expectedStdout: 'started\ndone\n', timeLimitMs: 1000 }])
    t.match(busy, { status: 'COMPLETED', failureReason: null })
    const [only] = busy.testResults ?? []
    t.match(only, { verdict: 'time_limit', exitCode: null }, 'killed before its 2 s were up')
    // "started" is its first line; a runtime that takes most of the second to start on a loaded host (Node, the
    // JVM) may not have printed it yet. "done" it never prints.
    t.ok(['started\n', ''].includes(only?.stdout ?? '?'), `what it printed: ${JSON.stringify(only?.stdout)}`)
    const took = only?.durationMs ?? 0
    t.ok(took >= 1000 && took < 1000 + killMarginMs(), `killed at the case's 1 s limit (${took} ms)`)

    t.strictSame(sandboxContainers({ workerId }), [], 'no sandbox container left behind')
  })
}
