// The liveness thread of a worker process (see liveness.ts). It has its own event loop and its own Redis
// connection, so a main thread busy for a while (a long synchronous task, a slow GC) does not make its
// worker look dead: job locks and the heartbeat are renewed here for as long as the main thread still
// answers within the stall limit.
import { parentPort, workerData } from 'node:worker_threads'
import { Job, Queue } from 'bullmq'
import { pino } from 'pino'
import { logErrorsOf, loggerOptions } from '../logging.ts'
import { createWorkerConnection } from '../queue/connections.ts'
import { heartbeatKey } from './heartbeat.ts'
import type { LivenessMessage, LivenessSettings } from './liveness.ts'

const settings = workerData as LivenessSettings
const log = pino(loggerOptions({ LOG_LEVEL: settings.logLevel })).child({
  workerId: settings.workerId,
  thread: 'liveness',
})
const redis = createWorkerConnection(settings.redisUrl, log)
const queue = new Queue(settings.queueName, { connection: redis })
queue.on('error', logErrorsOf('liveness queue', log))
const jobs = new Map<string, string>()
let mainAnsweredAt = Date.now()
let renewing = false

async function renew(): Promise<void> {
  // A main thread silent past the limit is taken for dead, and made so: its locks and heartbeat lapse and its runs
  // go to others, which may be on other engines; the process's end is what ends its sandboxes (their stdin closes),
  // so that no run goes on twice at once.
  const silentMs = Date.now() - mainAnsweredAt
  if (silentMs > settings.stallLimitMs) {
    log.fatal({ silentMs, jobs: [...jobs.keys()] }, 'main event loop silent too long: the worker ends itself')
    process.kill(process.pid, 'SIGKILL')
    return
  }
  if (renewing) return
  renewing = true
  try {
    await redis.set(
      heartbeatKey(settings.queueName, settings.workerId),
      String(Date.now()),
      'PX',
      settings.lockDurationMs,
    )
    await Promise.all(
      [...jobs].map(([id, token]) =>
        // A lock already gone (finished meanwhile, or taken over) is not an error of this thread.
        new Job(queue, 'run', {}, {}, id).extendLock(token, settings.lockDurationMs).catch(() => 0),
      ),
    )
  } catch {
    // Redis away: the next round tries again.
  } finally {
    renewing = false
  }
}

const timer = setInterval(renew, settings.renewEveryMs)
void renew()

parentPort?.on('message', async (message: LivenessMessage) => {
  mainAnsweredAt = Date.now()
  // A job's lock was just taken for a whole lock duration: the next round (a fifth of it away) renews it in time.
  if (message.kind === 'track') jobs.set(message.jobId, message.token)
  else if (message.kind === 'untrack') jobs.delete(message.jobId)
  else if (message.kind === 'stop') {
    clearInterval(timer)
    await redis.del(heartbeatKey(settings.queueName, settings.workerId)).catch(() => {})
    await queue.close().catch(() => {})
    await redis.quit().catch(() => {})
    parentPort?.postMessage({ kind: 'stopped' })
  }
})
