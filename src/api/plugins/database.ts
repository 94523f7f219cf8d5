import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { createDatabase } from '../../db/connection.ts'
import type { Database } from '../../db/types.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

/** The PostgreSQL pool behind Kysely, one per app, destroyed when the app closes. */
export default fp(
  async (app) => {
    const db = createDatabase({ connectionString: app.config.DATABASE_URL, logger: app.log })
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      await db.destroy()
    })
  },
  { name: 'database', dependencies: ['config'] },
)
