import t from 'tap'
import { UsageReportFilter } from '../../src/sandbox/usage-report.ts'

const NONCE = '0123456789abcdef0123456789abcdef'

function reported(line: string): UsageReportFilter {
  const filter = new UsageReportFilter(NONCE)
  filter.take(Buffer.from(`program output\n\x1e${NONCE} ${line}`, 'latin1'))
  return filter
}

t.test("the OOM killer's count in the report is evidence of memory_limit", async (t) => {
  t.equal(reported('5000000 1048576 1\n').oomKilled, true)
  t.strictSame(reported('5000000 1048576 1\n').usage, { cpuTimeMs: 5, peakMemoryBytes: 1048576 })
  t.equal(reported('5000000 1048576 0\n').oomKilled, false, 'no kill counted')
  t.equal(reported('5000000 1048576 -\n').oomKilled, false, 'unknown is no evidence')
  t.equal(reported('5000000 1048576\n').oomKilled, false, 'an older runner reports no count')
  t.strictSame(reported('5000000 1048576\n').usage, { cpuTimeMs: 5, peakMemoryBytes: 1048576 })
  t.equal(new UsageReportFilter(NONCE).oomKilled, false, 'no report at all')
})

t.test('a forged report without the nonce is output, not evidence', async (t) => {
  const filter = new UsageReportFilter(NONCE)
  const output = filter.take(Buffer.from(`\x1e${'f'.repeat(32)} 1 1 9\n`, 'latin1'))
  t.equal(output.length > 0, true)
  t.equal(filter.oomKilled, false)
})
