import t from 'tap'
import { UsageReportFilter } from '../../src/sandbox/usage-report.ts'

const NONCE = '0123456789abcdef0123456789abcdef'

function reported(line: string): UsageReportFilter {
  const filter = new UsageReportFilter(NONCE)
  filter.take(Buffer.from(`program output\n\x1e${NONCE} ${line}`, 'latin1'))
  return filter
}

t.test("the OOM killer's count in the report is evidence of memory_limit", async (t) => {
  t.equal(reported('5000000 1048576 1 137\n').oomKilled, true)
  t.strictSame(reported('5000000 1048576 1 137\n').usage, { cpuTimeMs: 5, peakMemoryBytes: 1048576 })
  t.equal(reported('5000000 1048576 0 0\n').oomKilled, false, 'no kill counted')
  t.equal(reported('5000000 1048576 0 0\n').oomCounted, true)
  t.equal(reported('- - - 0\n').oomKilled, false, 'unknown is no evidence')
  t.equal(reported('- - - 0\n').oomCounted, false, 'unknown: the engine must say')
  t.equal(new UsageReportFilter(NONCE).oomKilled, false, 'no report at all')
})

t.test('the report carries the exit status; an incomplete or malformed one says nothing', async (t) => {
  t.equal(reported('1 2 0 3\n').exitCode, 3)
  t.equal(reported('1 2 0 3').exitCode, null, 'no newline yet')
  t.equal(reported('1 2 0\n').exitCode, null, 'a field missing')
  t.equal(new UsageReportFilter(NONCE).exitCode, null)
})

t.test('complete once the newline is in, however the line is split; told once', async (t) => {
  let told = 0
  const filter = new UsageReportFilter(NONCE, () => told++)
  const line = Buffer.from(`out\x1e${NONCE} 10 20 0 0\n`, 'latin1')
  const kept: Buffer[] = []
  for (let at = 0; at < line.length; at += 3) kept.push(filter.take(line.subarray(at, at + 3)))
  t.equal(Buffer.concat(kept).toString('latin1'), 'out')
  t.equal(filter.complete, true)
  t.equal(told, 1)
  t.equal(filter.exitCode, 0)
  filter.take(Buffer.from('more\n'))
  t.equal(told, 1, 'not told again')
})

t.test('the bare end line of stderr', async (t) => {
  const filter = new UsageReportFilter(NONCE)
  t.equal(filter.take(Buffer.from(`oops\n\x1e${NONCE} end\n`, 'latin1')).toString(), 'oops\n')
  t.equal(filter.complete, true)
  t.equal(filter.exitCode, null, 'no report on stderr')
})

t.test('a forged report without the nonce is output, not evidence', async (t) => {
  const filter = new UsageReportFilter(NONCE)
  const output = filter.take(Buffer.from(`\x1e${'f'.repeat(32)} 1 1 9 0\n`, 'latin1'))
  t.equal(output.length > 0, true)
  t.equal(filter.oomKilled, false)
  t.equal(filter.complete, false)
})
