import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Test } from 'tap'
import { loadConfig } from '../../src/config.ts'
import { createDatabase } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrator.ts'
import type { Database } from '../../src/db/types.ts'

export interface TestDatabase {
  db: Kysely<Database>
  url: string
}

/** A fresh, migrated database of its own for one test file, dropped at teardown. */
export async function createTestDatabase(t: Test): Promise<TestDatabase> {
  const adminUrl = loadConfig().DATABASE_URL
  const name = `livecode_test_${randomBytes(6).toString('hex')}`
  const admin = createDatabase({ connectionString: adminUrl, maxConnections: 1 })
  await sqlRaw(admin, `create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = createDatabase({ connectionString: url.toString() })
  await migrateToLatest(db)
  t.teardown(async () => {
    await db.destroy()
    await sqlRaw(admin, `drop database if exists ${name} with (force)`)
    await admin.destroy()
  })
  return { db, url: url.toString() }
}

async function sqlRaw(db: Kysely<Database>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db)
}
