import type { Redis } from 'ioredis'

/**
 * A short-lived key that a live worker keeps renewing (its liveness thread does), so that others can tell
 * its containers are not leftovers. It outlives the worker by at most the lock duration.
 */
export function heartbeatKey(queueName: string, workerId: string): string {
  return `livecode:${queueName}:worker:${workerId}`
}

export async function isWorkerAlive(redis: Redis, queueName: string, workerId: string): Promise<boolean> {
  return (await redis.exists(heartbeatKey(queueName, workerId))) === 1
}
