// Entry point of a worker process: `node src/worker/worker.ts` (make worker).
import { pino } from 'pino'
import { ConfigError, loadConfig } from '../config.ts'
import { startWorker } from './start-worker.ts'

let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

const logger = pino({ level: config.LOG_LEVEL, redact: ['config.DATABASE_URL', 'config.REDIS_URL'] })
const worker = await startWorker(config, logger)

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    worker.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
