import { Redis } from 'ioredis'
import { type ErrorLogger, logErrorsOf } from '../logging.ts'

/**
 * The API's connection: fails fast while Redis is away, so that a run request answers 503
 * instead of hanging on a command queued offline; with `commandTimeoutMs`, also while Redis is there but
 * does not answer (hung, or stopped), which no connection error would ever reveal.
 */
export function createProducerConnection(url: string, logger: ErrorLogger, commandTimeoutMs?: number): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: false,
    ...(commandTimeoutMs === undefined ? {} : { commandTimeout: commandTimeoutMs }),
  })
  // Failed commands answer 503 and reconnection is automatic; the log says why.
  redis.on('error', logErrorsOf('redis', logger))
  return redis
}

/** A worker's connection: blocks and retries for ever, so workers ride out a Redis restart by themselves. */
export function createWorkerConnection(url: string, logger: ErrorLogger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true })
  redis.on('error', logErrorsOf('redis', logger))
  return redis
}
