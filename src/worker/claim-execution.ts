import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import { findExecution, markRunning, takeOverRunning } from '../db/executions-repository.ts'
import type { Database, Execution } from '../db/types.ts'

export type Claim =
  /** `tookOver`: a dead holder had it RUNNING; its container may still exist on this engine. */
  | { kind: 'claimed'; execution: Execution; tookOver: boolean }
  /** No row yet: the API enqueues before its transaction commits; a retry will see it, or the run never was. */
  | { kind: 'missing' }
  /** Already terminal: a repeated job changes nothing. */
  | { kind: 'finished' }
  /** Started `maxStarts` times already (its workers kept dying): ended rather than re-run for ever. */
  | { kind: 'exhausted'; execution: Execution }

/**
 * Takes an execution for this worker: QUEUED → RUNNING, or a take-over of a RUNNING one whose holder is
 * gone (BullMQ hands a job to one worker at a time, so a RUNNING row under our job is a dead holder's).
 */
export async function claimExecution(db: Kysely<Database>, id: string, maxStarts: number): Promise<Claim> {
  const queued = await markRunning(db, id)
  if (queued) return { kind: 'claimed', execution: queued, tookOver: false }
  const current = await findExecution(db, id)
  if (!current) return { kind: 'missing' }
  if (current.status !== 'RUNNING' && current.status !== 'QUEUED') return { kind: 'finished' }
  if (current.attempts >= maxStarts) return { kind: 'exhausted', execution: current }
  if (current.status === 'QUEUED') return claimExecution(db, id, maxStarts) // lost a race with a requeue
  const taken = await takeOverRunning(db, id, current.attempts)
  return taken ? { kind: 'claimed', execution: taken, tookOver: true } : claimExecution(db, id, maxStarts)
}

/** How long a job may wait for its row: the API enqueues just before its transaction commits. */
const VISIBILITY_WAIT_MS = 2000

/**
 * A worker can take the job in the instant between the API's enqueue and its commit; waiting a little here
 * costs milliseconds, where a BullMQ retry would cost a backoff and one of the job's tries.
 */
export async function claimOnceVisible(db: Kysely<Database>, executionId: string, maxStarts: number): Promise<Claim> {
  const deadline = Date.now() + VISIBILITY_WAIT_MS
  for (let delayMs = 10; ; delayMs = Math.min(delayMs * 2, 250)) {
    const claim = await claimExecution(db, executionId, maxStarts)
    if (claim.kind !== 'missing' || Date.now() + delayMs > deadline) return claim
    await sleep(delayMs)
  }
}
