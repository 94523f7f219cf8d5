import t from 'tap'
import { logErrorsOf, loggerOptions } from '../../src/logging.ts'

t.test('a connection error is logged, and its repeats within 5 s are not', async (t) => {
  const lines: unknown[][] = []
  const onError = logErrorsOf('redis', { error: (...args: unknown[]) => lines.push(args) })
  const error = new Error('connect ECONNREFUSED 127.0.0.1:6379')
  onError(error)
  onError(error)
  onError(new Error('another'))
  t.equal(lines.length, 1, 'one line for a burst')
  t.match(lines[0], [{ err: error, source: 'redis' }, /redis error/])
})

t.test('both processes log at the configured level with secrets redacted', async (t) => {
  const options = loggerOptions({ LOG_LEVEL: 'warn' })
  t.equal(options.level, 'warn')
  const { paths } = options.redact as { paths: string[] }
  for (const secret of ['req.headers.authorization', 'req.headers.cookie', 'config.DATABASE_URL', 'config.REDIS_URL'])
    t.ok(paths.includes(secret), `${secret} is redacted`)
})
