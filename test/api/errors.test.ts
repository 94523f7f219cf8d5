import type { FastifyError } from 'fastify'
import Fastify from 'fastify'
import t from 'tap'
import { ApiError, ERRORS, registerErrorHandlers } from '../../src/api/errors.ts'

t.test('every code has its status and a default message', async (t) => {
  t.strictSame(Object.fromEntries(Object.entries(ERRORS).map(([code, { status }]) => [code, status])), {
    validation_error: 400,
    unauthorized: 401,
    not_found: 404,
    request_timeout: 408,
    execution_limit_reached: 409,
    already_finished: 409,
    payload_too_large: 413,
    rate_limited: 429,
    too_many_active_runs: 429,
    headers_too_large: 431,
    internal_error: 500,
    unavailable: 503,
    overloaded: 503,
  })
  for (const [code, { message }] of Object.entries(ERRORS)) t.ok(message.length > 0, `${code} has a message`)
  t.equal(new ApiError('too_many_active_runs').statusCode, 429)
  t.equal(new ApiError('overloaded').message, ERRORS.overloaded.message)
})

t.test("Fastify's own errors take our code by their status; any other 4xx is a validation_error", async (t) => {
  const app = Fastify()
  registerErrorHandlers(app)
  const fastifyError = (statusCode: number, code = 'FST_ERR_SOMETHING') =>
    Object.assign(new Error('from fastify'), { statusCode, code }) as FastifyError
  const thrown: Record<string, FastifyError | Error> = {
    '/404': fastifyError(404),
    '/413': fastifyError(413, 'FST_ERR_CTP_BODY_TOO_LARGE'),
    '/429': fastifyError(429),
    '/409': fastifyError(409),
    '/415': fastifyError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'),
    '/plain': new Error('a secret detail'),
  }
  for (const [url, error] of Object.entries(thrown))
    app.get(url, async () => {
      throw error
    })
  t.teardown(() => app.close())
  const answer = async (url: string) => {
    const response = await app.inject({ url })
    return { status: response.statusCode, ...response.json().error }
  }
  t.same(await answer('/404'), { status: 404, code: 'not_found', message: 'from fastify' })
  t.same(await answer('/413'), { status: 413, code: 'payload_too_large', message: ERRORS.payload_too_large.message })
  t.same(await answer('/429'), { status: 429, code: 'rate_limited', message: 'from fastify' })
  t.same(await answer('/409'), { status: 400, code: 'validation_error', message: 'from fastify' }, 'not a 409 of ours')
  t.same(await answer('/415'), {
    status: 400,
    code: 'validation_error',
    message: 'unsupported content type: send application/json',
  })
  t.same(await answer('/plain'), { status: 500, code: 'internal_error', message: 'internal error' }, 'details hidden')
})
