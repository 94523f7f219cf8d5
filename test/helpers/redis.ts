import { randomBytes } from 'node:crypto'
import { loadConfig } from '../../src/config.ts'

/** A queue name no other test uses, so tests can run in parallel against one Redis. */
export function uniqueQueueName(prefix = 'test'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`
}

export function testRedisUrl(): string {
  return loadConfig().REDIS_URL
}
