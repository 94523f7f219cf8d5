import type { Kysely } from 'kysely'
import { findExecution } from '../db/executions-repository.ts'
import { findSession } from '../db/sessions-repository.ts'
import type { CodeSession, Database, Execution } from '../db/types.ts'
import type { Client } from './client.ts'
import { executionNotFound, sessionNotFound } from './errors.ts'

/**
 * A session and its executions belong to the API key that made them, or to nobody when made without a key
 * (then the id itself is the capability). Anyone else is told they do not exist (404), not that they are
 * forbidden, so that ids cannot be probed. Ownership never changes, so a check before an update holds.
 */
export function isVisibleTo(row: { api_key_id: string | null }, client: Client): boolean {
  return row.api_key_id === client.apiKeyId
}

/** The session if `client` may see it; otherwise 404. */
export async function visibleSession(db: Kysely<Database>, id: string, client: Client): Promise<CodeSession> {
  const session = await findSession(db, id)
  if (!session || !isVisibleTo(session, client)) throw sessionNotFound(id)
  return session
}

/**
 * The execution if `client` may see it; otherwise 404. Every route that takes an execution id goes through it, or,
 * for GET /executions/{id}, through waitForEnd, whose first read makes the same check.
 */
export async function visibleExecution(db: Kysely<Database>, id: string, client: Client): Promise<Execution> {
  const execution = await findExecution(db, id)
  if (!execution || !isVisibleTo(execution, client)) throw executionNotFound(id)
  return execution
}
