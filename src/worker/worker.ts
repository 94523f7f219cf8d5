// Entry point of a worker process: `node src/worker/worker.ts` (make worker).
import { pino } from 'pino'
import { loadConfigOrExit } from '../config.ts'
import { loggerOptions } from '../logging.ts'
import { startWorker } from './start-worker.ts'

/** Time for close() to finish once its waits have given up at the drain deadline. */
const FORCED_EXIT_AFTER_DEADLINE_MS = 5000

const config = loadConfigOrExit()

const logger = pino(loggerOptions(config))
const worker = await startWorker(config, logger)

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    // Runs in hand get their time; a drain that still hangs past its deadline (say, Redis gone) must not keep
    // the process alive: its runs are taken over once their job locks lapse.
    setTimeout(() => {
      logger.error('drain deadline passed; exiting')
      process.exit(1)
    }, worker.drainDeadlineMs + FORCED_EXIT_AFTER_DEADLINE_MS).unref()
    worker.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
