import t from 'tap'
import { ApiProblem, describeProblem, parseRetryAfter } from '../../src/playground/web/problems.ts'

t.test('Retry-After in seconds or as a date', async (t) => {
  t.equal(parseRetryAfter('42'), 42)
  t.equal(parseRetryAfter(null), null)
  t.equal(parseRetryAfter('soon'), null)
  const now = Date.parse('2026-11-29T00:00:00Z')
  t.equal(parseRetryAfter('Sun, 29 Nov 2026 00:00:30 GMT', now), 30)
  t.equal(parseRetryAfter('Sun, 29 Nov 2026 00:00:00 GMT', now + 5000), 0)
})

t.test('429: what happened and when to run again, counting down', async (t) => {
  const limited = new ApiProblem(429, 'rate_limited', 'too many runs: at most 10 a minute; retry in 42 seconds', 42)
  t.same(describeProblem(limited, 'run'), {
    title: 'Too many runs for now',
    detail: 'Runs are limited per minute. You can run again in 42 s.',
    retryAfterSeconds: 42,
    offerNewSession: false,
  })
  t.equal(describeProblem(limited, 'run', 3).detail, 'Runs are limited per minute. You can run again in 3 s.')
  t.equal(describeProblem(limited, 'run', 0).detail, 'Runs are limited per minute. You can run again now.')
  const active = new ApiProblem(429, 'too_many_active_runs', 'x', 5)
  t.match(describeProblem(active, 'run'), { title: 'Too many runs at once', detail: /Try again in 5 s\.$/ })
})

t.test('413 names the action and keeps the API’s reason', async (t) => {
  const tooLarge = new ApiProblem(413, 'payload_too_large', 'source_code is over 65536 bytes')
  t.same(describeProblem(tooLarge, 'save'), {
    title: 'Too large to save',
    detail: 'Source_code is over 65536 bytes. Make the source code or the input smaller.',
    retryAfterSeconds: null,
    offerNewSession: false,
  })
  t.equal(describeProblem(tooLarge, 'run').title, 'Too large to run')
})

t.test('503: an outage says nothing was lost; overload says when to retry', async (t) => {
  t.same(describeProblem(new ApiProblem(503, 'unavailable', 'x'), 'run'), {
    title: 'LiveCode is temporarily unavailable',
    detail: 'Its database or queue is not answering. Nothing was run. Try again in a moment.',
    retryAfterSeconds: null,
    offerNewSession: false,
  })
  t.match(describeProblem(new ApiProblem(503, 'unavailable', 'x'), 'save'), {
    detail: /Your latest edits are not saved yet; they stay in the editor\./,
  })
  t.match(describeProblem(new ApiProblem(503, 'overloaded', 'x', 30), 'run'), {
    title: 'LiveCode is busy',
    detail: 'Too many runs are waiting for a sandbox. Nothing was run. Try again in 30 s.',
  })
})

t.test('the way out is offered where there is one', async (t) => {
  t.match(describeProblem(new ApiProblem(409, 'execution_limit_reached', 'x'), 'run'), {
    title: 'This session has used all its runs',
    offerNewSession: true,
  })
  t.match(describeProblem(new ApiProblem(404, 'not_found', 'session not found'), 'run'), { offerNewSession: true })
  t.match(describeProblem(new ApiProblem(0, 'network', 'Failed to fetch'), 'run'), {
    title: 'Cannot reach LiveCode',
    detail: 'The server did not answer. Nothing was run.',
  })
  t.match(describeProblem(new ApiProblem(500, 'internal_error', 'internal error'), 'run'), {
    title: 'Something went wrong',
    detail: 'The server failed (HTTP 500). Try again in a moment.',
  })
})
