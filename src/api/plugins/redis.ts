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
    const redis = createProducerConnection(app.config.REDIS_URL)
    app.decorate('redis', redis)
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
