// What a benchmark runs against: a fresh database and queue of its own on this machine's PostgreSQL and Redis.
import { randomBytes } from 'node:crypto'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { loadConfig } from '../../src/config.ts'
import { createMigratedDatabase } from '../helpers/database.ts'

export interface BenchEnvironment {
  /** The environment of the API and worker processes. */
  env: Record<string, string>
  imagePrefix: string
  drop(): Promise<void>
}

/** Limits meant for people, raised so that the benchmark measures the service, not its admission control. */
const UNLIMITED: Record<string, string> = {
  RUNS_PER_MINUTE: '1000000',
  RUNS_PER_SESSION: '1000000',
  CLIENT_SESSIONS_PER_MINUTE: '1000000',
  CLIENT_RUNS_PER_MINUTE: '1000000',
  CLIENT_ACTIVE_RUNS: '100000',
  MAX_WAITING_RUNS: '100000',
}

export async function benchEnvironment(): Promise<BenchEnvironment> {
  const base = loadConfig()
  const { url, db, drop } = await createMigratedDatabase(base.DATABASE_URL, 'livecode_bench')
  await db.destroy()
  const queueName = `bench-${randomBytes(4).toString('hex')}`
  return {
    env: {
      ...UNLIMITED,
      DATABASE_URL: url,
      QUEUE_NAME: queueName,
    },
    imagePrefix: base.IMAGE_PREFIX,
    async drop() {
      await drop()
      await obliterateQueue(base.REDIS_URL, queueName)
    },
  }
}

/** The bench's jobs (kept for an hour after they complete) would otherwise stay in Redis for good. */
async function obliterateQueue(redisUrl: string, name: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queue = new Queue(name, { connection })
  try {
    await queue.obliterate({ force: true })
  } finally {
    await queue.close()
    connection.disconnect()
  }
}
