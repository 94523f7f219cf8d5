import type { Redis } from 'ioredis'

const HEARTBEAT_TTL_SECONDS = 30
const HEARTBEAT_EVERY_MS = 10_000

export function heartbeatKey(queueName: string, workerId: string): string {
  return `livecode:${queueName}:worker:${workerId}`
}

/** Keeps a short-lived key alive while this worker lives, so others can tell its containers are not leftovers. */
export function startHeartbeat(redis: Redis, queueName: string, workerId: string): () => Promise<void> {
  const key = heartbeatKey(queueName, workerId)
  const beat = () => redis.set(key, String(Date.now()), 'EX', HEARTBEAT_TTL_SECONDS).catch(() => {})
  void beat()
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS)
  return async () => {
    clearInterval(timer)
    await redis.del(key).catch(() => {})
  }
}

export async function isWorkerAlive(redis: Redis, queueName: string, workerId: string): Promise<boolean> {
  return (await redis.exists(heartbeatKey(queueName, workerId))) === 1
}
