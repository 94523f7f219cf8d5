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
  // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the process.
  pool.on('error', logErrorsOf('postgres pool', logger))
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
