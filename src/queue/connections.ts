import { Redis } from 'ioredis'

/**
 * The API's connection: fails fast while Redis is away, so that a run request answers 503
 * instead of hanging on a command queued offline.
 */
export function createProducerConnection(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: false,
  })
  redis.on('error', () => {}) // reported through failed commands; reconnection is automatic
  return redis
}

/** A worker's connection: blocks and retries for ever, so workers ride out a Redis restart by themselves. */
export function createWorkerConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true })
  redis.on('error', () => {})
  return redis
}
