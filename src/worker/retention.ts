import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import {
  deleteFinishedBefore,
  deleteIdempotencyKeysBefore,
  deleteIdleSessionsBefore,
} from '../db/retention-repository.ts'
import type { Database } from '../db/types.ts'
import { startPeriodic } from './periodic.ts'

const DAY_MS = 24 * 3600 * 1000

export interface RetentionSettings {
  /** 0: sessions and executions are kept for ever. */
  retentionDays: number
  idempotencyKeyTtlSeconds: number
  batchSize: number
}

export interface Deleted {
  executions: number
  sessions: number
  idempotencyKeys: number
}

/** Deletes a batch at a time until a batch comes back short, so that each statement stays small. */
async function inBatches(deleteBatch: () => Promise<number>, batchSize: number): Promise<number> {
  let total = 0
  for (;;) {
    const deleted = await deleteBatch()
    total += deleted
    if (deleted < batchSize) return total
  }
}

/**
 * Deletes what has outlived its retention: executions finished more than `retentionDays` ago, then sessions
 * unchanged for as long that have no execution left (so a session is never deleted under a recent run),
 * and Idempotency-Keys past their lifetime.
 */
export async function deleteExpired(
  db: Kysely<Database>,
  settings: RetentionSettings,
  now: Date = new Date(),
): Promise<Deleted> {
  const { batchSize } = settings
  const deleted: Deleted = { executions: 0, sessions: 0, idempotencyKeys: 0 }
  const keysCutoff = new Date(now.getTime() - settings.idempotencyKeyTtlSeconds * 1000)
  deleted.idempotencyKeys = await inBatches(() => deleteIdempotencyKeysBefore(db, keysCutoff, batchSize), batchSize)
  if (settings.retentionDays === 0) return deleted
  const cutoff = new Date(now.getTime() - settings.retentionDays * DAY_MS)
  deleted.executions = await inBatches(() => deleteFinishedBefore(db, cutoff, batchSize), batchSize)
  deleted.sessions = await inBatches(() => deleteIdleSessionsBefore(db, cutoff, batchSize), batchSize)
  return deleted
}

/** The periodic retention chore of a worker; returns its stop function. */
export function startRetention(db: Kysely<Database>, config: Config, logger: Logger): () => void {
  const settings: RetentionSettings = {
    retentionDays: config.RETENTION_DAYS,
    idempotencyKeyTtlSeconds: config.IDEMPOTENCY_KEY_TTL_SECONDS,
    batchSize: config.RETENTION_BATCH_SIZE,
  }
  const round = async () => {
    const deleted = await deleteExpired(db, settings)
    if (deleted.executions + deleted.sessions + deleted.idempotencyKeys > 0) {
      logger.info({ deleted, retentionDays: settings.retentionDays }, 'retention: expired data deleted')
    }
  }
  return startPeriodic('retention', round, config.RETENTION_EVERY_MS, logger)
}
