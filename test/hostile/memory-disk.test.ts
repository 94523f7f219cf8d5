// Memory bombs and disk filling: the memory cgroup (no swap) and the size-capped tmpfs hold.
import t from 'tap'
import { oomEndings, oomExitCodes } from '../helpers/runtime.ts'
import { assertEndedAs, hostileFixture, LANGUAGES, MiB, startHostileSystem } from './helpers.ts'

const MEMORY = 64 * MiB
const TMP = 16 * MiB
const system = await startHostileSystem(t, {
  RUN_TIMEOUT_MS: '5000',
  MEMORY_LIMIT_BYTES: String(MEMORY),
  TMP_SIZE_BYTES: String(TMP),
})

for (const language of LANGUAGES) {
  const file = { python: 'heap_bomb.py', javascript: 'heap_bomb.js', cpp: 'heap_bomb.cpp' }[language]
  t.test(`${language} heap bomb: OOM-killed at the memory cap → FAILED/memory_limit`, async (t) => {
    const execution = await system.run(language, hostileFixture(language, file))
    assertEndedAs(t, execution, oomEndings())
    t.ok(oomExitCodes().includes(execution.exit_code ?? -1), `ended with exit ${execution.exit_code}`)
    t.notMatch(execution.stdout, /malloc refused/, 'no swap and no overcommit trick: the cgroup kills first')
    t.ok(execution.duration_ms < 5000, `killed before the wall clock (${execution.duration_ms} ms)`)
    await system.afterwards(t, language)
  })
}

for (const language of LANGUAGES) {
  const file = { python: 'fill_tmp.py', javascript: 'fill_tmp.js', cpp: 'fill_tmp.cpp' }[language]
  t.test(`${language} fills /tmp: the write fails with ENOSPC at the tmpfs cap`, async (t) => {
    const execution = await system.run(language, hostileFixture(language, file))
    t.match(execution, { status: 'COMPLETED', failure_reason: null, exit_code: 0 })
    const match = /^blocked: (.+) after (\d+) MiB$/m.exec(execution.stdout)
    t.ok(match, `the program reported what stopped it: ${JSON.stringify(execution.stdout)}`)
    t.match(match?.[1], /^(No space left on device|ENOSPC)$/)
    t.ok(Number(match?.[2]) <= TMP / MiB, `${match?.[2]} MiB written, at most the ${TMP / MiB} MiB cap`)
    await system.afterwards(t, language)
  })
}

t.test('/dev/shm is its own small tmpfs (1 MiB): filling it fails with ENOSPC', async (t) => {
  const execution = await system.run('python', hostileFixture('python', 'fill_tmp.py'), '/dev/shm\n')
  t.match(execution, { status: 'COMPLETED', stdout: /^blocked: No space left on device after [01] MiB$/m })
  await system.afterwards(t, 'python')
})

t.test('a /tmp larger than the memory cap: tmpfs pages count against memory → FAILED/memory_limit', async (t) => {
  // A second system whose /tmp (128 MiB) is larger than its memory (32 MiB): what is written to the tmpfs is
  // charged to the container's memory cgroup, so the memory cap bounds /tmp too, whatever TMP_SIZE_BYTES says.
  const big = await startHostileSystem(t, {
    RUN_TIMEOUT_MS: '5000',
    MEMORY_LIMIT_BYTES: String(32 * MiB),
    TMP_SIZE_BYTES: String(128 * MiB),
  })
  const execution = await big.run('python', hostileFixture('python', 'fill_tmp.py'))
  assertEndedAs(t, execution, oomEndings())
  t.equal(execution.exit_code, 137)
  t.notMatch(execution.stdout, /after (3[2-9]|[4-9]\d|\d{3}) MiB/, 'never more than the memory cap written')
  await big.afterwards(t, 'python')
})
