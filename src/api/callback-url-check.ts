import type { FastifyInstance, FastifyRequest } from 'fastify'
import { callbackUrlProblem } from '../webhooks/callback-url.ts'
import { ApiError } from './errors.ts'

/**
 * A run's callback_url, checked before anything is spent: http(s), no credentials, not literally a forbidden
 * address (a host name is checked again, resolved, at delivery), and a secret to sign with: the key's own, or
 * WEBHOOK_SECRET for a run made without a key.
 */
export function callbackUrlCheck(app: FastifyInstance) {
  return async (request: FastifyRequest): Promise<void> => {
    const url = (request.body as { callback_url?: string } | undefined)?.callback_url
    if (url === undefined) return
    const problem = callbackUrlProblem(url, app.webhookAllowHosts)
    if (problem) throw new ApiError('validation_error', `body.callback_url ${problem}`)
    if (request.client.apiKeyId === null && app.config.WEBHOOK_SECRET === '') {
      throw new ApiError(
        'validation_error',
        'body.callback_url needs an API key (whose secret signs it) or a server-wide WEBHOOK_SECRET, and this server has neither',
      )
    }
  }
}
