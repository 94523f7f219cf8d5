import { Worker } from 'node:worker_threads'
import type { Config } from '../config.ts'

/**
 * What tells other workers that this one is alive: the BullMQ locks of the jobs it holds and its heartbeat
 * key (which the leftover reaper reads). Both are renewed by a thread of their own, so that a busy main event
 * loop does not look dead; a main thread silent for longer than `stallLimitMs` does count as dead.
 * BullMQ's own lock renewal, which runs on the main event loop, is switched off (`skipLockRenewal`).
 */
export interface LivenessSettings {
  redisUrl: string
  queueName: string
  workerId: string
  /** Locks and the heartbeat expire this long after their last renewal. */
  lockDurationMs: number
  renewEveryMs: number
  stallLimitMs: number
  logLevel: Config['LOG_LEVEL']
}

export type LivenessMessage =
  | { kind: 'alive' }
  | { kind: 'track'; jobId: string; token: string }
  | { kind: 'untrack'; jobId: string }
  | { kind: 'stop' }

export interface Liveness {
  /** Keeps the lock of a job this worker processes (with its BullMQ token) alive until untracked. */
  track(jobId: string, token: string): void
  untrack(jobId: string): void
  /** Stops renewing and deletes the heartbeat. */
  stop(): Promise<void>
}

/** Renewals per lock duration: a lock survives a few missed rounds. */
const RENEWALS_PER_LOCK = 5

/**
 * How often workers look for jobs whose lock lapsed. A dead worker's run goes back to the queue at most
 * lockDuration + this after its last renewal.
 */
export function stalledCheckEveryMs(lockDurationMs: number): number {
  return Math.max(100, Math.floor(lockDurationMs / 2))
}

export function livenessSettings(base: Omit<LivenessSettings, 'renewEveryMs'>): LivenessSettings {
  return { ...base, renewEveryMs: Math.max(100, Math.floor(base.lockDurationMs / RENEWALS_PER_LOCK)) }
}

export async function startLiveness(settings: LivenessSettings): Promise<Liveness> {
  const thread = new Worker(new URL('./liveness-thread.ts', import.meta.url), { workerData: settings })
  const post = (message: LivenessMessage) => thread.postMessage(message)
  // The main thread's pulse: the thread stops renewing once these stop coming for stallLimitMs.
  const pulse = setInterval(() => post({ kind: 'alive' }), settings.renewEveryMs)
  pulse.unref()
  await new Promise<void>((resolve, reject) => {
    thread.once('online', () => resolve())
    thread.once('error', reject)
  })
  return {
    track: (jobId, token) => post({ kind: 'track', jobId, token }),
    untrack: (jobId) => post({ kind: 'untrack', jobId }),
    async stop() {
      clearInterval(pulse)
      const stopped = new Promise<void>((resolve) => {
        thread.on('message', (message: { kind: string }) => {
          if (message.kind === 'stopped') resolve()
        })
        thread.once('exit', () => resolve())
      })
      post({ kind: 'stop' })
      await stopped
      await thread.terminate()
    },
  }
}
