import type { Redis } from 'ioredis'

function heartbeatKey(queueName: string, workerId: string): string {
  return `livecode:${queueName}:worker:${workerId}`
}

/**
 * Keeps a short-lived key alive while this worker lives, so others can tell its containers are not
 * leftovers. The key outlives the worker by at most `ttlMs` (the same bound as its job locks).
 */
export function startHeartbeat(redis: Redis, queueName: string, workerId: string, ttlMs: number): () => Promise<void> {
  const key = heartbeatKey(queueName, workerId)
  const beat = () => redis.set(key, String(Date.now()), 'PX', ttlMs).catch(() => {})
  void beat()
  const timer = setInterval(beat, Math.max(100, Math.floor(ttlMs / 3)))
  return async () => {
    clearInterval(timer)
    await redis.del(key).catch(() => {})
  }
}

export async function isWorkerAlive(redis: Redis, queueName: string, workerId: string): Promise<boolean> {
  return (await redis.exists(heartbeatKey(queueName, workerId))) === 1
}
