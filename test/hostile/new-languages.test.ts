// The hostile cases of every language beyond the first three (whose cases are the rest of this folder): a fork or
// spawn bomb, a memory bomb, writes outside /tmp and a connection out, each through the real API and worker with
// the default limits (the language's manifest may raise them: Java has 128 processes), then a hello on the same worker.
import t from 'tap'
import { LANGUAGE_IDS, type LanguageId } from '../../src/languages.ts'
import { oomEndings, oomExitCodes, underGvisor } from '../helpers/runtime.ts'
import { assertEndedAs, hostileFixture, LANGUAGES, reportLines, startHostileSystem } from './helpers.ts'

const NEW_LANGUAGES = LANGUAGE_IDS.filter((language) => !(LANGUAGES as readonly string[]).includes(language))
// The wall clock counts the compile: tsc and javac take seconds, more under gVisor on a busy machine.
const TIMEOUT_MS = underGvisor() ? 20_000 : 10_000
const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: String(TIMEOUT_MS) })
const file = (language: LanguageId, name: string) =>
  hostileFixture(
    language,
    `${name}${{ c: '.c', go: '.go', rust: '.rs', java: '.java', ruby: '.rb', typescript: '.ts' }[language] ?? ''}`,
  )

/**
 * A runtime that cannot get memory or a thread may end the program itself first (the JVM throws an error, Go's
 * runtime exits 2 when it cannot start an OS thread): the program's failure, said as such.
 */
const RUNTIME_ENDINGS: Array<[string, string | null]> = [['FAILED', 'runtime_error'], ...oomEndings()]
const DIES_OF_ITS_OWN_RUNTIME = new Set(['go', 'java'])
/** Ruby's fork waits and tries again on EAGAIN: the bomb never sees a refusal, it just stops growing. */
const RETRIES_SILENTLY = new Set(['ruby'])

t.test('the new languages are those of images/ beyond the first three', async (t) => {
  t.strictSame(NEW_LANGUAGES, ['c', 'go', 'java', 'ruby', 'rust', 'typescript'])
})

for (const language of NEW_LANGUAGES) {
  t.test(`${language} fork bomb: the pids limit holds, the run ends at the wall clock or the memory cap`, async (t) => {
    const execution = await system.run(language, file(language, 'fork_bomb'))
    assertEndedAs(t, execution, [
      ['TIMEOUT', null],
      ...(DIES_OF_ITS_OWN_RUNTIME.has(language) ? RUNTIME_ENDINGS : oomEndings()),
    ])
    if (execution.status === 'TIMEOUT' && !underGvisor() && !RETRIES_SILENTLY.has(language))
      t.match(execution.stdout, /^blocked: [\s\S]+ after \d+$/m, 'the bomb saw its spawns refused')
    // Under gVisor a runtime_error may also be an OOM kill the engine missed, or the Sentry's own death (oomEndings,
    // oomExitCodes): only under runc does a runtime_error always say why.
    else if (execution.failure_reason === 'runtime_error' && DIES_OF_ITS_OWN_RUNTIME.has(language) && !underGvisor())
      t.match(execution.stderr, /thread|Resource temporarily unavailable|OutOfMemoryError/i, 'its runtime ran out')
    else t.comment(`${language} fork bomb: ${execution.status}, ${JSON.stringify(execution.stdout.slice(0, 200))}`)
    await system.afterwards(t, language)
  })

  t.test(`${language} memory bomb: stopped at the memory cap`, async (t) => {
    const execution = await system.run(language, file(language, 'memory_bomb'))
    if (language === 'java') {
      // The heap is capped below the cgroup's (-XX:MaxRAMPercentage in java/language.json): an OutOfMemoryError.
      assertEndedAs(t, execution, RUNTIME_ENDINGS)
      if (execution.failure_reason === 'runtime_error') t.match(execution.stderr, /OutOfMemoryError/)
    } else {
      assertEndedAs(t, execution, oomEndings())
      t.ok(oomExitCodes().includes(execution.exit_code ?? -1), `ended with exit ${execution.exit_code}`)
    }
    t.notMatch(execution.stdout, /malloc refused/, 'no overcommit trick: the cgroup stops it')
    t.ok(execution.duration_ms < TIMEOUT_MS, `before the wall clock (${execution.duration_ms} ms)`)
    await system.afterwards(t, language)
  })

  t.test(`${language} writes outside /tmp: the root is read-only, /tmp is the only writable place`, async (t) => {
    const execution = await system.run(language, file(language, 'write_outside_tmp'))
    t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 })
    t.notMatch(execution.stdout, /WRITTEN/, 'no write outside /tmp got through')
    const report = reportLines(execution.stdout)
    for (const path of ['/etc/livecode-probe', '/usr/local/bin/livecode-run', '/livecode-probe', '/opt/livecode-probe'])
      t.match(
        report.get(path),
        /blocked: .*(Read-only file system|EROFS|Permission denied|EACCES|AccessDeniedException)/i,
        path,
      )
    t.equal(report.get('/tmp'), 'writable')
    await system.afterwards(t, language)
  })

  t.test(`${language} connects to 198.51.100.1:80: no network, it fails at once`, async (t) => {
    const execution = await system.run(language, file(language, 'network'))
    t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 })
    t.notMatch(execution.stdout, /OPEN/)
    // gVisor's network stack says "no route to host" where Linux says "network is unreachable": nothing is sent.
    t.match(
      reportLines(execution.stdout).get('tcp 198.51.100.1:80'),
      /blocked: .*(Network is unreachable|ENETUNREACH|No route to host|EHOSTUNREACH)/i,
    )
    await system.afterwards(t, language)
  })
}
