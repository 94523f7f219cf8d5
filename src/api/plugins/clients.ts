import fp from 'fastify-plugin'
import { findLiveApiKey } from '../../db/api-keys-repository.ts'
import type { ApiKey } from '../../db/types.ts'
import { bearerKey, hashApiKey } from '../api-keys.ts'
import type { Client, ClientLimits } from '../client.ts'
import { addressKey } from '../client-address.ts'
import { ApiError } from '../errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    client: Client
  }
}

/** Probes answer without a key: an orchestrator checking liveness holds none. */
const OPEN_ROUTES = new Set(['/health', '/ready'])

/**
 * Names the client of every request before anything else is done with it: its API key when it sends one
 * (a wrong or revoked key is a 401, never a fall-back to anonymous), or else its address, which
 * API_KEYS_REQUIRED refuses.
 */
export default fp(
  async (app) => {
    const defaults: ClientLimits = {
      sessionsPerMinute: app.config.CLIENT_SESSIONS_PER_MINUTE,
      runsPerMinute: app.config.CLIENT_RUNS_PER_MINUTE,
      activeRuns: app.config.CLIENT_ACTIVE_RUNS,
    }
    const limitsOf = (key: ApiKey): ClientLimits => ({
      sessionsPerMinute: key.sessions_per_minute ?? defaults.sessionsPerMinute,
      runsPerMinute: key.runs_per_minute ?? defaults.runsPerMinute,
      activeRuns: key.active_runs ?? defaults.activeRuns,
    })
    app.decorateRequest('client', null as unknown as Client)
    app.addHook('onRequest', async (request) => {
      // request.ip is the peer's address, or the forwarded one from a proxy TRUST_PROXY names.
      const anonymous: Client = { id: `addr:${addressKey(request.ip)}`, apiKeyId: null, limits: defaults }
      // Liveness and readiness depend on nothing but themselves: no key, no key lookup.
      if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) {
        request.client = anonymous
        return
      }
      const key = bearerKey(request.headers.authorization)
      if (key === null) throw new ApiError('unauthorized', 'the Authorization header must be "Bearer <API key>"')
      if (key !== undefined) {
        const found = await findLiveApiKey(app.db, hashApiKey(key))
        if (!found) throw new ApiError('unauthorized', 'the API key is not valid (unknown or revoked)')
        request.client = { id: `key:${found.id}`, apiKeyId: found.id, limits: limitsOf(found) }
        return
      }
      if (app.config.API_KEYS_REQUIRED) throw new ApiError('unauthorized')
      request.client = anonymous
    })
  },
  { name: 'clients', dependencies: ['config', 'database'] },
)
