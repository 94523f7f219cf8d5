import fp from 'fastify-plugin'
import { canonicalId } from '../canonical-id.ts'

/**
 * Every id in a path is rewritten to its canonical form before anything reads it, so that whatever keys on
 * it outside PostgreSQL (rate-limit budgets, event streams, notifications, queue jobs, cancel messages) sees
 * one spelling per id: `ABC…` and `abc…` are one session to PostgreSQL and must be one everywhere else.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      const params = request.params as Record<string, unknown> | undefined
      if (!params) return
      for (const [name, value] of Object.entries(params)) {
        if (name.endsWith('_id') && typeof value === 'string') params[name] = canonicalId(value)
      }
    })
  },
  { name: 'canonical-ids' },
)
