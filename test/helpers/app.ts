import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/api/app.ts'
import type { Config } from '../../src/config.ts'

/** Builds the API on a config (quiet unless TEST_LOG_LEVEL is set); the test's jobs and the app go at teardown. */
export async function startApp(t: Test, config: Config): Promise<FastifyInstance> {
  const logger = process.env.TEST_LOG_LEVEL ? { level: process.env.TEST_LOG_LEVEL } : false
  const app = await buildApp({ config, logger })
  t.teardown(async () => {
    if (app.redis.status === 'ready') await app.executionsQueue.obliterate({ force: true }).catch(() => {})
    await app.close()
  })
  return app
}
