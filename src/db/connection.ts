import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type ErrorLogger, logErrorsOf } from '../logging.ts'
import type { Database } from './types.ts'

export interface DatabaseOptions {
  connectionString: string
  maxConnections?: number
  logger: ErrorLogger
}

/** A Kysely instance over a pg pool. Connection attempts fail fast so that an outage becomes a 503, not a hang. */
export function createDatabase({ connectionString, maxConnections = 10, logger }: DatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 10_000,
    // A statement that hangs (PostgreSQL stopped mid-query) is abandoned rather than waited on forever.
    query_timeout: 15_000,
  })
  const logError = logErrorsOf('postgres pool', logger)
  // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the process.
  pool.on('error', logError)
  // A checked-out client (mid-transaction, or between a statement's answer and its release) that loses its server
  // emits 'error' on itself, where the pool stops listening while it is lent out. Its statement fails on its own and
  // the pool drops it on release; this listener only keeps the error from ending the process.
  pool.on('connect', (client) => client.on('error', logError))
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
