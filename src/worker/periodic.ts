import type { Logger } from 'pino'

/** Runs a chore now and then every `everyMs`, logging (not throwing) its failures. Returns the stop function. */
export function startPeriodic(
  name: string,
  chore: () => Promise<unknown>,
  everyMs: number,
  logger: Logger,
): () => void {
  let running = false
  const tick = async () => {
    if (running) return // a slow round is not stacked on by the next one
    running = true
    try {
      await chore()
    } catch (error) {
      logger.error({ err: error, chore: name }, 'periodic chore failed')
    } finally {
      running = false
    }
  }
  void tick()
  const timer = setInterval(tick, everyMs)
  return () => clearInterval(timer)
}
