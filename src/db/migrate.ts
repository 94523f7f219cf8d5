// Entry point of `make migrate`: applies every pending migration to DATABASE_URL.
import { pino } from 'pino'
import { loadConfig } from '../config.ts'
import { loggerOptions } from '../logging.ts'
import { createDatabase } from './connection.ts'
import { migrateToLatest } from './migrator.ts'

const config = loadConfig()
const db = createDatabase({
  connectionString: config.DATABASE_URL,
  maxConnections: 1,
  logger: pino(loggerOptions(config)),
})
try {
  const applied = await migrateToLatest(db)
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date')
} finally {
  await db.destroy()
}
