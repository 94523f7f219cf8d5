import type { Kysely } from 'kysely'
import { countForAdmission, lockClient } from '../db/admission-repository.ts'
import type { Database } from '../db/types.ts'
import { fairSharePriority } from '../queue/executions-queue.ts'
import type { Client } from './client.ts'
import { ApiError } from './errors.ts'

// Hints, not limits: when a slot is likely to have freed (runs take seconds), and the queue to have drained.
const ACTIVE_RUNS_RETRY_AFTER_MS = 5000
const OVERLOADED_RETRY_AFTER_MS = 10_000

/**
 * Admits one more run of `client` inside the caller's transaction, or throws 429 too_many_active_runs /
 * 503 overloaded. Returns the queue priority of the run: the more runs the client already has in flight, the
 * later its new one goes, so one client's backlog cannot hold back another client's run.
 */
export async function admitRun(trx: Kysely<Database>, client: Client, maxWaitingRuns: number): Promise<number> {
  // A statement of its own: a statement's snapshot is taken when it starts, so counts read in the statement that
  // waits for the lock would miss the runs its previous holder committed.
  await lockClient(trx, client.id)
  const { active, waitingReachBound } = await countForAdmission(trx, client.id, maxWaitingRuns)
  if (active >= client.limits.activeRuns) {
    throw new ApiError(
      'too_many_active_runs',
      `this client already has ${active} runs queued or running, its limit is ${client.limits.activeRuns}; retry when one has ended`,
      { retryAfterMs: ACTIVE_RUNS_RETRY_AFTER_MS },
    )
  }
  if (waitingReachBound) {
    throw new ApiError('overloaded', `${maxWaitingRuns} runs are already waiting; retry later`, {
      retryAfterMs: OVERLOADED_RETRY_AFTER_MS,
    })
  }
  return fairSharePriority(active)
}
