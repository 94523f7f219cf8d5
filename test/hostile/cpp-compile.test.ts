// C++ compile-time bombs: the compile runs inside the same container, under the same memory cap, output caps and
// wall clock as the program (the wall time covers compile and run), so a runaway compiler ends like a runaway program.
import t from 'tap'
import { killMarginMs, underGvisor } from '../helpers/runtime.ts'
import { assertEndedAs, hostileFixture, MiB, startHostileSystem } from './helpers.ts'

// g++ runs about twice as slowly under gVisor: there the compiler's own limits need a longer wall clock to be met.
const TIMEOUT_MS = underGvisor() ? 10_000 : 5000
const system = await startHostileSystem(t, {
  RUN_TIMEOUT_MS: String(TIMEOUT_MS),
  MEMORY_LIMIT_BYTES: String(128 * MiB),
})

/** Any of the ways a runaway compile may end; each test says which one it saw. */
const ENDINGS: Array<[string, string | null]> = [
  ['FAILED', 'compile_error'],
  ['FAILED', 'memory_limit'],
  ['FAILED', 'output_limit'],
  ['TIMEOUT', null],
]

const bombs = [
  { file: 'include_dev_zero.cpp', what: '#include "/dev/zero" (an endless file)', expect: ['FAILED', 'memory_limit'] },
  { file: 'include_self.cpp', what: 'a file that includes itself', expect: null },
  { file: 'template_bomb.cpp', what: 'runaway template instantiation', expect: ['FAILED', 'compile_error'] },
  { file: 'integer_pack_bomb.cpp', what: 'a pack of 10^8 integers', expect: null },
  { file: 'constexpr_bomb.cpp', what: 'a runaway constexpr loop', expect: ['FAILED', 'compile_error'] },
  { file: 'constexpr_recursion_bomb.cpp', what: 'runaway constexpr recursion', expect: ['FAILED', 'compile_error'] },
] as const

for (const bomb of bombs) {
  t.test(`C++ compile bomb, ${bomb.what}: ends within the wall clock, never runs`, async (t) => {
    const execution = await system.run('cpp', hostileFixture('cpp', bomb.file))
    assertEndedAs(t, execution, bomb.expect ? [[bomb.expect[0], bomb.expect[1]]] : ENDINGS)
    t.comment(`${bomb.file}: ${execution.status}/${execution.failure_reason} in ${execution.duration_ms} ms`)
    t.equal(execution.stdout, '', 'nothing ran: no program output, no runner marker')
    t.ok(execution.duration_ms < TIMEOUT_MS + killMarginMs(), `ended in ${execution.duration_ms} ms`)
    if (execution.failure_reason === 'compile_error') t.match(execution.stderr, /error/)
    await system.afterwards(t, 'cpp')
  })
}

t.test('#include "/dev/stdin": the compiler reads /dev/null, the program still gets its whole stdin', async (t) => {
  const execution = await system.run('cpp', hostileFixture('cpp', 'include_dev_stdin.cpp'), 'int x = ;\n'.repeat(100))
  t.match(execution, { status: 'COMPLETED', failure_reason: null, stdout: 'program read 1000 bytes\n' })
  await system.afterwards(t, 'cpp')
})
