import type { Redis } from 'ioredis'

/** One fixed-window budget: at most `max` requests per `windowMs`, counted in Redis under `key`. */
export interface Budget {
  key: string
  max: number
  windowMs: number
}

export type SpendResult = { allowed: true } | { allowed: false; budget: Budget; retryAfterMs: number }

// All or nothing, in one round trip: when any budget is spent, none is charged, so a refused request costs
// the client nothing and a limited client cannot drain another of its budgets by retrying.
const SPEND_SCRIPT = `
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used >= tonumber(ARGV[2 * i - 1]) then
    return {i, redis.call('PTTL', key)}
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 or redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[2 * i])
  end
end
return {0, 0}
`

/** Charges one request to every budget if each has room; otherwise charges none and says which is spent. */
export async function spendBudgets(redis: Redis, budgets: readonly Budget[]): Promise<SpendResult> {
  const args = budgets.flatMap((budget) => [String(budget.max), String(budget.windowMs)])
  const [index, ttl] = (await redis.eval(
    SPEND_SCRIPT,
    budgets.length,
    ...budgets.map((budget) => budget.key),
    ...args,
  )) as [number, number]
  const budget = budgets[index - 1]
  if (index === 0 || !budget) return { allowed: true }
  return { allowed: false, budget, retryAfterMs: ttl > 0 ? ttl : budget.windowMs }
}
