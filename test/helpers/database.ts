import { randomBytes } from 'node:crypto'
import { setTimeout } from 'node:timers/promises'
import { type Kysely, sql } from 'kysely'
import type { Test } from 'tap'
import { loadConfig } from '../../src/config.ts'
import { createDatabase } from '../../src/db/connection.ts'
import { insertExecution } from '../../src/db/executions-repository.ts'
import { migrateToLatest } from '../../src/db/migrator.ts'
import { insertSession } from '../../src/db/sessions-repository.ts'
import type { Database, Execution } from '../../src/db/types.ts'
import { testLogger } from './logger.ts'

export interface TestDatabase {
  db: Kysely<Database>
  url: string
}

/** A new, migrated database on the server at `serverUrl`; `drop` removes it again. */
export async function createMigratedDatabase(
  serverUrl: string,
  prefix = 'livecode_test',
): Promise<TestDatabase & { drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await onServer(serverUrl, `create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = createDatabase({ connectionString: url.toString(), logger: testLogger() })
  await migrateToLatest(db)
  return { db, url: url.toString(), drop: () => dropDatabase(serverUrl, name) }
}

/** SQLSTATE of "must be a member of the role whose process is being terminated". */
const INSUFFICIENT_PRIVILEGE = '42501'
const DROP_TRIES = 10
const DROP_RETRY_MS = 300

/**
 * Drops a database, ending whatever is still connected to it. An autovacuum worker busy in it at that moment has
 * no role, so `with (force)` refuses to end it for a role that is not a superuser (CI saw it once): the drop is
 * tried again shortly, by which time the worker is done with a test's small database.
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onServer(serverUrl, `drop database if exists ${name} with (force)`)
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE || attempt >= DROP_TRIES) throw error
      await setTimeout(DROP_RETRY_MS)
    }
  }
}

/** A fresh, migrated database of its own for one test file on the default server, dropped at teardown. */
export async function createTestDatabase(t: Test): Promise<TestDatabase> {
  const { db, url, drop } = await createMigratedDatabase(loadConfig().DATABASE_URL)
  t.teardown(async () => {
    await db.destroy()
    await drop()
  })
  return { db, url }
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = createDatabase({ connectionString: serverUrl, maxConnections: 1, logger: testLogger() })
  try {
    await sql.raw(statement).execute(admin)
  } finally {
    await admin.destroy()
  }
}

/** A session and one QUEUED execution of it, written straight to the database (no API, no queue). */
export async function insertQueuedExecution(db: Kysely<Database>, sourceCode = 'print(1)'): Promise<Execution> {
  const session = await insertSession(db, { language: 'python', source_code: sourceCode, stdin: '' })
  return insertExecution(db, { session_id: session.id, language: 'python', source_code: sourceCode, stdin: '' })
}
