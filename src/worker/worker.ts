// Entry point of a worker process: `node src/worker/worker.ts` (make worker).
import { pino } from 'pino'
import { loadConfigOrExit } from '../config.ts'
import { loggerOptions } from '../logging.ts'
import { startWorker } from './start-worker.ts'

const config = loadConfigOrExit()

const logger = pino(loggerOptions(config))
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
