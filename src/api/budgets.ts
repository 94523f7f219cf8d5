import type { Config } from '../config.ts'
import { canonicalId } from './canonical-id.ts'
import type { Client } from './client.ts'
import type { Budget } from './rate-limiter.ts'

const MINUTE_MS = 60_000

/** A budget with what a client is told when it is spent. */
export interface LabelledBudget extends Budget {
  label: string
}

function prefix(config: Config): string {
  return `livecode:${config.QUEUE_NAME}:rate-limit:`
}

/** POST /code-sessions: the client's new sessions a minute. */
export function newSessionBudgets(config: Config, client: Client): LabelledBudget[] {
  return [
    {
      key: `${prefix(config)}client-sessions:${client.id}`,
      max: client.limits.sessionsPerMinute,
      windowMs: MINUTE_MS,
      label: 'too many new sessions from this client',
    },
  ]
}

/**
 * POST /run: the session's runs a minute and the client's, across its sessions. The session's budget keys on
 * its canonical id and on the key asking, so that a client refused the session (404) cannot spend its owner's
 * budget.
 */
export function runBudgets(config: Config, client: Client, sessionId: string): LabelledBudget[] {
  return [
    {
      key: `${prefix(config)}session-runs:${client.apiKeyId ?? 'anonymous'}:${canonicalId(sessionId)}`,
      max: config.RUNS_PER_MINUTE,
      windowMs: MINUTE_MS,
      label: 'too many runs of this session',
    },
    {
      key: `${prefix(config)}client-runs:${client.id}`,
      max: client.limits.runsPerMinute,
      windowMs: MINUTE_MS,
      label: 'too many runs from this client',
    },
  ]
}
