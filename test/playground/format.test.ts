import t from 'tap'
import {
  describeExitCode,
  formatBytes,
  formatDuration,
  formatWait,
  verdictOf,
} from '../../src/playground/web/format.ts'

t.test('durations, sizes and waits read as a person says them', async (t) => {
  t.equal(formatDuration(412), '412 ms')
  t.equal(formatDuration(1884), '1.88 s')
  t.equal(formatDuration(12_345), '12.3 s')
  t.equal(formatDuration(65_000), '1 min 5 s')
  t.equal(formatDuration(120_000), '2 min')
  t.equal(formatBytes(512), '512 B')
  t.equal(formatBytes(1536), '1.5 KiB')
  t.equal(formatBytes(100 * 1024), '100 KiB')
  t.equal(formatBytes(9.8 * 1024 * 1024), '9.8 MiB')
  t.equal(formatWait(0.2), '1 s', 'never "0 s" while still waiting')
  t.equal(formatWait(42), '42 s')
  t.equal(formatWait(125), '2 min 5 s')
})

t.test('exit codes above 128 name the signal', async (t) => {
  t.equal(describeExitCode(1), 'exit code 1')
  t.equal(describeExitCode(139), 'killed by SIGSEGV (exit code 139)')
  t.equal(describeExitCode(137), 'killed by SIGKILL (exit code 137)')
  t.equal(describeExitCode(200), 'exit code 200')
})

t.test('every verdict of the contract has its words and tone', async (t) => {
  const verdict = (status: any, failure_reason: string | null = null, exit_code: number | null = null) =>
    verdictOf({ status, failure_reason, exit_code })
  t.match(verdict('QUEUED'), { label: 'Queued', tone: 'busy' })
  t.match(verdict('RUNNING'), { label: 'Running', tone: 'busy' })
  t.match(verdict('COMPLETED', null, 0), { label: 'Completed', tone: 'success' })
  t.match(verdict('TIMEOUT'), { label: 'Timed out', tone: 'warning' })
  t.match(verdict('FAILED', 'compile_error', 1), { label: 'Compile error', tone: 'failure' })
  t.match(verdict('FAILED', 'runtime_error', 139), {
    label: 'Runtime error',
    explanation: 'The program ended with killed by SIGSEGV (exit code 139).',
  })
  t.match(verdict('FAILED', 'memory_limit'), { label: 'Memory limit exceeded' })
  t.match(verdict('FAILED', 'output_limit'), { label: 'Output limit exceeded' })
  t.match(verdict('FAILED', 'cancelled'), { label: 'Cancelled', tone: 'neutral' })
  t.match(verdict('FAILED', 'internal_error'), {
    label: 'Internal error',
    tone: 'warning',
    explanation: /not your program/,
  })
  t.match(verdict('FAILED', 'something_new'), { label: 'Failed', explanation: 'something_new' })
  t.match(verdict('FAILED', 'runtime_error'), { label: 'Runtime error', explanation: 'The program failed.' })
  t.match(verdict('FAILED', null), { label: 'Failed', explanation: 'The run failed.' })
})

t.test('a reason named like an object’s own key is an unknown reason, not a crash', async (t) => {
  for (const reason of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
    t.match(verdictOf({ status: 'FAILED', failure_reason: reason, exit_code: null }), {
      label: 'Failed',
      explanation: reason,
    })
})
