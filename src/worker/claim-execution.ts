import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import { findExecution, markRunning, takeOverRunning } from '../db/executions-repository.ts'
import type { Database, Execution } from '../db/types.ts'
import { isTerminalStatus } from '../execution-states.ts'
import { startsSpent } from './execution-ending.ts'

export type Claim =
  /** `previous`: set when a dead holder had it RUNNING (a take-over): when and on which engine it started. */
  | { kind: 'claimed'; execution: Execution; previous: PreviousStart | null }
  /** No row yet: the API enqueues before its transaction commits; a retry will see it, or the run never was. */
  | { kind: 'missing' }
  /** Already terminal: a repeated job changes nothing. */
  | { kind: 'finished' }
  /** Started `maxStarts` times already (its workers kept dying): ended rather than re-run for ever. */
  | { kind: 'exhausted'; execution: Execution }

export interface PreviousStart {
  startedAt: Date
  engineId: string | null
}

/** Who claims: the cap on starts, and the Docker engine the run will happen on. */
export interface Claimant {
  maxStarts: number
  engineId: string
}

/**
 * Takes an execution for this worker: QUEUED → RUNNING, or a take-over of a RUNNING one whose holder is
 * gone (BullMQ hands a job to one worker at a time, so a RUNNING row under our job is a dead holder's).
 */
export async function claimExecution(db: Kysely<Database>, id: string, claimant: Claimant): Promise<Claim> {
  const queued = await markRunning(db, id, claimant.engineId)
  if (queued) return { kind: 'claimed', execution: queued, previous: null }
  const current = await findExecution(db, id)
  if (!current) return { kind: 'missing' }
  if (isTerminalStatus(current.status)) return { kind: 'finished' }
  if (startsSpent(current.attempts, claimant.maxStarts)) return { kind: 'exhausted', execution: current }
  if (current.status === 'QUEUED') return claimExecution(db, id, claimant) // lost a race with a requeue
  const taken = await takeOverRunning(db, id, current.attempts, claimant.engineId)
  if (!taken) return claimExecution(db, id, claimant)
  const previous = { startedAt: current.started_at ?? taken.started_at ?? new Date(0), engineId: current.engine_id }
  return { kind: 'claimed', execution: taken, previous }
}

/** How long a job may wait for its row: the API enqueues just before its transaction commits. */
const VISIBILITY_WAIT_MS = 2000

/**
 * A worker can take the job in the instant between the API's enqueue and its commit; waiting a little here
 * costs milliseconds, where a BullMQ retry would cost a backoff and one of the job's tries.
 */
export async function claimOnceVisible(db: Kysely<Database>, executionId: string, claimant: Claimant): Promise<Claim> {
  const deadline = Date.now() + VISIBILITY_WAIT_MS
  for (let delayMs = 1; ; delayMs = Math.min(delayMs * 2, 250)) {
    const claim = await claimExecution(db, executionId, claimant)
    if (claim.kind !== 'missing' || Date.now() + delayMs > deadline) return claim
    await sleep(delayMs)
  }
}
