import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import puppeteer, { type Browser } from 'puppeteer-core'
import { buildApp } from '../../src/api/app.ts'
import { PLAYGROUND_DIST } from '../../src/api/plugins/playground.ts'
import { loadConfig } from '../../src/config.ts'
import { startWorker } from '../../src/worker/start-worker.ts'
import { createMigratedDatabase } from './database.ts'
import { uniqueQueueName } from './redis.ts'

/** Debian's chromium package (src/ops/ensure-chromium.sh installs it); never a browser download. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface PlaygroundServer {
  /** http://127.0.0.1:<port>, where the page and the API are served. */
  url: string
  app: FastifyInstance
  close(): Promise<void>
}

/** The API listening on a free loopback port, with one worker, on a database and a queue of their own. */
export async function startPlaygroundServer(overrides: Record<string, string> = {}): Promise<PlaygroundServer> {
  if (!existsSync(`${PLAYGROUND_DIST}/index.html`)) {
    throw new Error(`the playground is not built (${PLAYGROUND_DIST}): run \`make playground\` first`)
  }
  const database = await createMigratedDatabase(loadConfig().DATABASE_URL)
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    QUEUE_NAME: uniqueQueueName('playground'),
    ...overrides,
  })
  const worker = await startWorker(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }))
  const app = await buildApp({
    config,
    logger: process.env.TEST_LOG_LEVEL ? { level: process.env.TEST_LOG_LEVEL } : false,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async close() {
      await app.executionsQueue.obliterate({ force: true }).catch(() => {})
      await app.close()
      await worker.close()
      await database.db.destroy()
      await database.drop()
    },
  }
}

/** Headless Chromium driven by puppeteer-core: the machine's own browser, no profile, no background network. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no browser at ${CHROMIUM_PATH}: src/ops/ensure-chromium.sh installs Debian's chromium`)
  }
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      // Root (as in CI) cannot use Chromium's user-namespace sandbox; the page is our own.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}
