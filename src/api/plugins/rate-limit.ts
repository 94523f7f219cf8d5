import fp from 'fastify-plugin'
import type { LabelledBudget } from '../budgets.ts'
import { ApiError } from '../errors.ts'
import { spendBudgets } from '../rate-limiter.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Charges the request to each budget, or throws 429 rate_limited (with Retry-After) and charges none. */
    limitRate(budgets: LabelledBudget[]): Promise<void>
  }
}

/**
 * Rate limits live in Redis, so that every API replica counts against the same budget. When Redis cannot be
 * reached the request fails (a 503 through the error handler) rather than passing uncounted.
 */
export default fp(
  async (app) => {
    app.decorate('limitRate', async (budgets: LabelledBudget[]) => {
      const result = await spendBudgets(app.redis, budgets)
      if (result.allowed) return
      const { label, max, windowMs } = result.budget as LabelledBudget
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000))
      throw new ApiError('rate_limited', `${label}: at most ${max} every ${windowMs / 1000} s; retry in ${seconds} s`, {
        retryAfterMs: result.retryAfterMs,
      })
    })
  },
  { name: 'rate-limit', dependencies: ['config', 'redis'] },
)
