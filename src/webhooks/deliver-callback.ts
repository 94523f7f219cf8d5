import { UnrecoverableError } from 'bullmq'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { findExecution } from '../db/executions-repository.ts'
import { testCasesOf } from '../db/test-cases-repository.ts'
import type { Database } from '../db/types.ts'
import { findCallbackTarget, insertDeliveryAttempt } from '../db/webhook-deliveries-repository.ts'
import { withTimeout } from '../timeout.ts'
import { callbackBody } from './callback-body.ts'
import { postCallback } from './post-callback.ts'
import { resolveTarget, TargetRefused } from './resolve-target.ts'
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts'

export interface DeliverySettings {
  /** Signs callbacks of runs made without an API key; empty: none. */
  serverSecret: string
  allowHosts: ReadonlySet<string>
  timeoutMs: number
}

/** The answer of one try: 2xx ends the job; anything else is retried (or, for a refusal, ends it failed). */
type TryResult = { statusCode: number; error: null } | { statusCode: number | null; error: string; final: boolean }

/**
 * One try at an execution's callback: resolve and check the host, POST the signed execution to the address
 * checked, and record the try (time, status, error). Throws so that BullMQ retries it with backoff; a target
 * that can never be reached (forbidden address, no secret) fails for good at once.
 */
export async function deliverCallback(
  db: Kysely<Database>,
  settings: DeliverySettings,
  executionId: string,
  attempt: { number: number; isLast: boolean },
  logger: Logger,
): Promise<void> {
  const target = await findCallbackTarget(db, executionId)
  const execution = await findExecution(db, executionId)
  // Deleted by retention, or never had one: nothing to deliver.
  if (!target || !execution) return
  const attemptedAt = new Date()
  const body = callbackBody(execution, await testCasesOf(db, execution))
  const result = await tryOnce(settings, target.callback_url, target.webhook_secret, body)
  const durationMs = Date.now() - attemptedAt.getTime()
  const gaveUp = result.error !== null && (result.final || attempt.isLast)
  await insertDeliveryAttempt(db, {
    execution_id: executionId,
    attempt: attempt.number,
    attempted_at: attemptedAt,
    duration_ms: durationMs,
    status_code: result.statusCode,
    error: result.error,
    gave_up: gaveUp,
  })
  logger.info(
    { executionId, attempt: attempt.number, statusCode: result.statusCode, error: result.error, gaveUp },
    'callback attempt',
  )
  if (result.error === null) return
  throw result.final ? new UnrecoverableError(result.error) : new Error(result.error)
}

async function tryOnce(
  settings: DeliverySettings,
  callbackUrl: string,
  keySecret: string | null,
  body: string,
): Promise<TryResult> {
  const secret = keySecret ?? settings.serverSecret
  if (secret === '') return { statusCode: null, error: 'no secret to sign with (WEBHOOK_SECRET is empty)', final: true }
  const url = new URL(callbackUrl)
  try {
    const pinned = await withTimeout(resolveTarget(url, settings.allowHosts), settings.timeoutMs, 'resolving the host')
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'LiveCode-Webhooks/1',
      [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
    }
    const statusCode = await postCallback(url, pinned, headers, body, settings.timeoutMs)
    if (statusCode >= 200 && statusCode < 300) return { statusCode, error: null }
    return { statusCode, error: `the receiver answered ${statusCode}`, final: false }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { statusCode: null, error: message, final: error instanceof TargetRefused }
  }
}
