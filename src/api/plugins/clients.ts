import fp from 'fastify-plugin'
import type { Client, ClientLimits } from '../client.ts'
import { addressKey } from '../client-address.ts'

declare module 'fastify' {
  interface FastifyRequest {
    client: Client
  }
}

/** Names the client of every request, before anything else is done with it. */
export default fp(
  async (app) => {
    const defaults: ClientLimits = {
      sessionsPerMinute: app.config.CLIENT_SESSIONS_PER_MINUTE,
      runsPerMinute: app.config.CLIENT_RUNS_PER_MINUTE,
      activeRuns: app.config.CLIENT_ACTIVE_RUNS,
    }
    app.decorateRequest('client', null as unknown as Client)
    app.addHook('onRequest', async (request) => {
      // request.ip is the peer's address, or the forwarded one from a proxy TRUST_PROXY names.
      request.client = { id: `addr:${addressKey(request.ip)}`, apiKeyId: null, limits: defaults }
    })
  },
  { name: 'clients', dependencies: ['config'] },
)
