import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { createProducerConnection } from '../../queue/connections.ts'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis
  }
}

/** The producer's Redis connection (fails fast while Redis is away), shared by the queue and the rate limiter. */
export default fp(
  async (app) => {
    const redis = createProducerConnection(app.config.REDIS_URL, app.log, app.config.REDIS_COMMAND_TIMEOUT_MS)
    app.decorate('redis', redis)
    await firstAttempt(redis)
    app.addHook('onClose', async () => {
      await closeRedis(redis)
    })
  },
  { name: 'redis', dependencies: ['config'] },
)

async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit()
      return
    } catch {
      // fall through: the connection is going away anyway
    }
  }
  redis.disconnect()
}

const FIRST_ATTEMPT_WAIT_MS = 2500

/**
 * Waits for the first connection attempt to end either way, so that an app built while Redis is up is ready
 * at once; while Redis is down the app still starts (and answers 503) instead of waiting for it.
 */
async function firstAttempt(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      redis.off('ready', done)
      redis.off('error', done)
      redis.off('close', done)
      resolve()
    }
    const timer = setTimeout(done, FIRST_ATTEMPT_WAIT_MS)
    redis.once('ready', done)
    redis.once('error', done)
    redis.once('close', done)
  })
}
