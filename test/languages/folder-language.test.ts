// "Adding a language is one new folder": a throwaway shell language, a Dockerfile and a language.json in a copy of
// images/ (LANGUAGES_DIR; the real images/ stays as it is for the test files running beside this one), built by
// images/build.sh, appears in GET /languages, runs and is judged through the API and a worker, with no code changed.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const repository = fileURLToPath(new URL('../../', import.meta.url))
const prefix = process.env.IMAGE_PREFIX || 'livecode'
const languagesDir = mkdtempSync(join(tmpdir(), 'livecode-languages-'))
t.teardown(() => rmSync(languagesDir, { recursive: true, force: true }))
cpSync(join(repository, 'images'), languagesDir, { recursive: true })

const shell = join(languagesDir, 'shell')
mkdirSync(shell)
writeFileSync(
  join(shell, 'Dockerfile'),
  `# A throwaway language: the POSIX shell of the Debian base (dash), made the way every sandbox image is.
ARG RUNNER_IMAGE=livecode/runner
FROM \${RUNNER_IMAGE} AS runner
FROM debian:trixie-slim
COPY runner/prepare-image.sh /opt/livecode/
COPY --from=runner /livecode-run /opt/livecode/livecode-run
RUN sh /opt/livecode/prepare-image.sh dash
USER 10001:10001
WORKDIR /tmp
`,
)
writeFileSync(
  join(shell, 'language.json'),
  JSON.stringify({
    id: 'shell',
    name: 'POSIX shell (dash)',
    sourceFile: 'main.sh',
    compile: ['sh', '-n', '/tmp/main.sh'],
    run: ['sh', '/tmp/main.sh'],
    version: ['sh', '-c', 'echo dash'],
    example: 'example.sh',
  }),
)
writeFileSync(join(shell, 'example.sh'), 'read -r name\n[ -n "$name" ] || name=world\necho "Hello, $name!"\n')

execFileSync(join(repository, 'images/build.sh'), ['shell'], {
  env: { ...process.env, LANGUAGES_DIR: languagesDir, IMAGE_PREFIX: prefix },
  stdio: ['ignore', 'ignore', 'inherit'],
})
t.teardown(() => execFileSync('docker', ['image', 'rm', '--force', `${prefix}/shell`], { stdio: 'ignore' }))

// Read when src/languages.ts loads: everything of LiveCode is imported after this line.
process.env.LANGUAGES_DIR = languagesDir
const { runProgram, startTestSystem, waitForTerminal } = await import('../helpers/system.ts')
const { createSession } = await import('../helpers/sessions.ts')
const system = await startTestSystem(t, { WARM_POOL_SIZE: '0' })

t.test('GET /languages lists it beside the others, from its manifest', async (t) => {
  const listed = (await system.app.inject({ method: 'GET', url: '/languages' })).json()
  t.strictSame(
    listed.map((language: { language: string }) => language.language),
    ['c', 'cpp', 'go', 'java', 'javascript', 'python', 'ruby', 'rust', 'shell', 'typescript'],
  )
  t.match(
    listed.find((language: { language: string }) => language.language === 'shell'),
    { name: 'POSIX shell (dash)', source_file: 'main.sh', example: /read -r name/, editor: null },
  )
})

t.test('the OpenAPI document offers it', async (t) => {
  const document = (await system.app.inject({ method: 'GET', url: '/openapi.json' })).json()
  t.ok(JSON.stringify(document).includes('"shell"'), 'the language enum of the document names it')
})

t.test('it runs: its example reads stdin and greets', async (t) => {
  const execution = await runProgram(system.app, 'shell', 'read -r name\necho "Hello, $name!"\n', 'Ada\n')
  t.match(execution, { status: 'COMPLETED', language: 'shell', stdout: 'Hello, Ada!\n', exit_code: 0 })
})

t.test('its compile step (sh -n) reports a syntax error as a compile_error, with the message', async (t) => {
  const execution = await runProgram(system.app, 'shell', 'echo never\nif then fi\n')
  t.match(execution, { status: 'FAILED', failure_reason: 'compile_error', stdout: '' })
  t.match(execution.stderr, /main\.sh: \d+: Syntax error/)
})

t.test('it is judged: compiled once, each case its own run and verdict', async (t) => {
  const session = await createSession(system.app, { language: 'shell', source_code: 'read -r n\necho $((n * 2))\n' })
  const started = await system.app.inject({
    method: 'POST',
    url: `/code-sessions/${session.session_id}/run`,
    payload: {
      test_cases: [
        { stdin: '2\n', expected_stdout: '4\n' },
        { stdin: '5\n', expected_stdout: '11\n' },
        { stdin: '0\n', expected_stdout: '0\n', hidden: true },
      ],
    },
  })
  t.equal(started.statusCode, 202)
  const execution = await waitForTerminal(system.app, started.json().execution_id)
  t.match(execution, { status: 'COMPLETED', language: 'shell', test_summary: { passed: 2, total: 3 } })
  t.match(execution.test_results, [
    { index: 0, verdict: 'accepted', stdout: '4\n' },
    { index: 1, verdict: 'wrong_answer', stdout: '10\n' },
    { index: 2, hidden: true, verdict: 'accepted' },
  ])
  t.strictSame(
    execution.test_results[2],
    { index: 2, hidden: true, verdict: 'accepted' },
    'a hidden case: its verdict only',
  )
})
