import type { FastifyInstance } from 'fastify'
import { findExecution, requestCancel } from '../db/executions-repository.ts'
import type { Execution } from '../db/types.ts'
import { cancelChannel } from '../events/keys.ts'
import { isTerminalStatus } from '../execution-states.ts'
import { endCancelledWhileQueued } from '../worker/execution-ending.ts'
import { ApiError } from './errors.ts'
import { waitForEnd } from './wait-for-end.ts'

/** How long a cancel of a running run waits for its holder to kill it, so that the answer is usually the end. */
const CANCEL_ANSWER_WAIT_MS = 3000
/** A run can move between QUEUED and RUNNING under us (a claim, a retry): the cancel then tries again. */
const MAX_TRIES = 5

/**
 * Cancels a run. QUEUED: it ends FAILED/cancelled at once and never starts (a claim needs QUEUED).
 * RUNNING: the request is recorded in the row (so that a holder that missed the message, or one taking
 * the run over, still cancels it) and announced to every worker; the holder kills the container, keeps
 * the output so far and writes FAILED/cancelled. Cancelling a cancelled run again answers the same way;
 * any other end is `already_finished`.
 */
export async function cancelExecution(app: FastifyInstance, id: string, signal?: AbortSignal): Promise<Execution> {
  const ending = { db: app.db, logger: app.log, webhooks: app.webhooksQueue }
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const cancelled = await endCancelledWhileQueued(ending, id)
    if (cancelled) {
      await forgetJob(app, id)
      return cancelled
    }
    const running = await requestCancel(app.db, id)
    if (running) {
      if (app.redis.status !== 'ready') throw new ApiError('unavailable')
      await app.redis.publish(cancelChannel(app.config.QUEUE_NAME), id)
      return (await waitForEnd(app.db, app.terminalNotifications, id, CANCEL_ANSWER_WAIT_MS, { signal })) ?? running
    }
    const current = await findExecution(app.db, id)
    if (!current) throw new ApiError('not_found', `execution ${id} not found`)
    if (isTerminalStatus(current.status)) {
      if (current.failure_reason === 'cancelled') return current
      throw new ApiError('already_finished', `execution ${id} had already finished (${current.status})`)
    }
  }
  throw new ApiError('unavailable', `execution ${id} kept changing state; retry the cancel`)
}

/** The job of a cancelled queued run is removed where it can be; one left behind finds its run ended and stops. */
async function forgetJob(app: FastifyInstance, id: string): Promise<void> {
  if (app.redis.status !== 'ready') return
  await app.executionsQueue.remove(id).catch(() => {})
}
