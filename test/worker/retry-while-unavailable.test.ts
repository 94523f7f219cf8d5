import t from 'tap'
import { retryWhileUnavailable } from '../../src/worker/retry-while-unavailable.ts'
import { testLogger } from '../helpers/logger.ts'

const unavailable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
const logger = testLogger()

t.test('retried while PostgreSQL is unavailable, then the answer', async (t) => {
  let calls = 0
  const answer = await retryWhileUnavailable(
    async () => {
      calls++
      if (calls < 3) throw unavailable()
      return 'written'
    },
    logger,
    new AbortController().signal,
  )
  t.equal(answer, 'written')
  t.equal(calls, 3)
})

t.test('any other error is thrown at once: a deterministic failure does not spin', async (t) => {
  let calls = 0
  const broken = async () => {
    calls++
    throw Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })
  }
  await t.rejects(retryWhileUnavailable(broken, logger, new AbortController().signal), /invalid input syntax/)
  t.equal(calls, 1)
})

t.test('a shutdown ends the retries with the last error', async (t) => {
  const shutdown = new AbortController()
  setTimeout(() => shutdown.abort(), 300)
  const started = Date.now()
  await t.rejects(
    retryWhileUnavailable(
      async () => {
        throw unavailable()
      },
      logger,
      shutdown.signal,
    ),
    /ECONNREFUSED/,
  )
  t.ok(Date.now() - started < 5000, 'soon after the abort')
})
