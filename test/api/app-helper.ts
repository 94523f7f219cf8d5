import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Test } from 'tap'
import { type Config, loadConfig } from '../../src/config.ts'
import { startApp } from '../helpers/app.ts'
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { createSession } from '../helpers/sessions.ts'

export interface TestApp {
  app: FastifyInstance
  config: Config
  database: TestDatabase
}

/** The config a test's app runs with: its own database and queue, plus whatever the test changes. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_NAME: uniqueQueueName('api'), ...env })
}

export { startApp }

/** A fresh database, a unique queue and an app on them. */
export async function createTestApp(t: Test, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(t)
  const config = testConfig(database.url, env)
  const app = await startApp(t, config)
  return { app, config, database }
}

export { createSession }

export function run(app: FastifyInstance, sessionId: string, options: Partial<InjectOptions> = {}) {
  return app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, ...options })
}

export const MISSING_ID = '00000000-0000-4000-8000-000000000000'
