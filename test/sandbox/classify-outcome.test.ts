import t from 'tap'
import { classifyOutcome, type RunFacts } from '../../src/sandbox/classify-outcome.ts'
import { OutputCollector } from '../../src/sandbox/output-collector.ts'
import { SandboxPlatformError } from '../../src/sandbox/types.ts'

function facts(overrides: Partial<RunFacts> & { out?: string; err?: string } = {}): RunFacts {
  const stdout = new OutputCollector(4, { stripMarker: true })
  const stderr = new OutputCollector(4)
  stdout.push(Buffer.from(overrides.out ?? 'Rok'))
  stderr.push(Buffer.from(overrides.err ?? ''))
  return { killedBy: null, exitCode: 0, oomKilled: false, stdout, stderr, durationMs: 12.4, ...overrides }
}

t.test('a cancel wins over everything else, and keeps the output so far', async (t) => {
  const everything = { exitCode: 137, oomKilled: true, out: 'Cxxxxxx', err: 'yyyyyy' }
  t.match(classifyOutcome(facts({ ...everything, killedBy: 'cancel' })), {
    status: 'FAILED',
    failureReason: 'cancelled',
    exitCode: null,
    stdout: 'xxxx',
    stderr: 'yyyy',
  })
  t.match(classifyOutcome(facts({ killedBy: 'cancel', out: '' })), { failureReason: 'cancelled', stdout: '' })
})

t.test('precedence: timeout > output_limit > memory_limit > compile_error > runtime_error', async (t) => {
  const everything = { exitCode: 137, oomKilled: true, out: 'Cxxxxxx', err: 'yyyyyy' }
  t.match(classifyOutcome(facts({ ...everything, killedBy: 'timeout' })), { status: 'TIMEOUT', exitCode: null })
  t.match(classifyOutcome(facts({ ...everything, killedBy: 'output_limit' })), {
    status: 'FAILED',
    failureReason: 'output_limit',
    exitCode: null,
    stdout: 'xxxx',
    stdoutTruncated: true,
    stderrTruncated: true,
  })
  t.match(classifyOutcome(facts({ exitCode: 137, oomKilled: true, out: 'C' })), { failureReason: 'memory_limit' })
  t.match(classifyOutcome(facts({ exitCode: 1, out: 'C', err: 'err' })), {
    failureReason: 'compile_error',
    exitCode: 1,
    stderr: 'err',
  })
  t.match(classifyOutcome(facts({ exitCode: 2 })), { failureReason: 'runtime_error', exitCode: 2, stdout: 'ok' })
})

t.test('output over the cap of a program that exited by itself keeps its exit code', async (t) => {
  t.match(classifyOutcome(facts({ exitCode: 0, out: 'Rxxxxx' })), { failureReason: 'output_limit', exitCode: 0 })
})

t.test(
  'memory_limit only on the OOM killer’s evidence; a death by signal alone is the program’s, 128 + n',
  async (t) => {
    t.match(classifyOutcome(facts({ exitCode: 137 })), {
      status: 'FAILED',
      failureReason: 'runtime_error',
      exitCode: 137,
    })
    t.match(classifyOutcome(facts({ exitCode: 142 })), {
      status: 'FAILED',
      failureReason: 'runtime_error',
      exitCode: 142,
    })
    t.match(classifyOutcome(facts({ exitCode: 137, oomKilled: true })), {
      status: 'FAILED',
      failureReason: 'memory_limit',
      exitCode: 137,
    })
    t.match(
      classifyOutcome(facts({ exitCode: 1, oomKilled: true })),
      { failureReason: 'memory_limit', exitCode: 1 },
      'a child OOM-killed while the program went on to fail: the cap is what it met',
    )
  },
)

t.test('exit 0 with the run marker completes; duration is rounded', async (t) => {
  t.strictSame(classifyOutcome(facts()), {
    status: 'COMPLETED',
    failureReason: null,
    exitCode: 0,
    stdout: 'ok',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 12,
    cpuTimeMs: null,
    peakMemoryBytes: null,
  })
  t.match(classifyOutcome(facts({ usage: { cpuTimeMs: 5, peakMemoryBytes: 6 } })), { cpuTimeMs: 5, peakMemoryBytes: 6 })
})

t.test('no marker means the runner itself failed: a platform error', async (t) => {
  t.throws(() => classifyOutcome(facts({ exitCode: 125, out: '', err: 'bad' })), SandboxPlatformError)
})
