import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { withDockerLimit } from '../sandbox/docker-call-limit.ts'

/** How long the engine may take to answer a ping before this worker stops taking runs. */
const PING_LIMIT_MS = 3000

interface Pausable {
  pause(doNotWaitActive?: boolean): Promise<void>
  resume(): void
}

/**
 * While the Docker engine does not answer, the worker takes no new runs (they wait in the queue for a worker
 * whose engine answers, instead of failing here one after another); it takes them again once the engine answers.
 * Runs in hand fail on their own Docker time limits and are handed back. Returns the stop function.
 */
export function startEngineGate(docker: Docker, worker: Pausable, everyMs: number, logger: Logger): () => void {
  let closedByGate = false
  let checking = false
  const check = async () => {
    if (checking) return
    checking = true
    try {
      await withDockerLimit(docker.ping(), 'ping', PING_LIMIT_MS)
      if (closedByGate) {
        closedByGate = false
        worker.resume()
        logger.info('Docker engine answers again: taking runs')
      }
    } catch (error) {
      if (!closedByGate) {
        closedByGate = true
        logger.error({ err: error }, 'Docker engine does not answer: taking no runs until it does')
        await worker.pause(true).catch(() => {})
      }
    } finally {
      checking = false
    }
  }
  const timer = setInterval(check, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
