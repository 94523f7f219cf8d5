// The client's types are generated from the API's OpenAPI document, never written by hand: this fails when
// clients/typescript/src/generated/api.ts differs from what the running API serves (regenerate: npm run generate).
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { loadConfig } from '../../../src/config.ts'
import { startApp } from '../../../test/helpers/app.ts'
import { createTestDatabase } from '../../../test/helpers/database.ts'
import { uniqueQueueName } from '../../../test/helpers/redis.ts'
import { generateTypes } from '../scripts/generate-types.ts'

t.test('the generated types are those of the OpenAPI document the API serves', async (t) => {
  // Default settings only: some limits appear in the document (the longest ?wait=, a test case's size).
  const { url } = await createTestDatabase(t)
  const { REDIS_URL } = loadConfig()
  const app = await startApp(t, loadConfig({ DATABASE_URL: url, REDIS_URL, QUEUE_NAME: uniqueQueueName('types') }))
  const served = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(served.statusCode, 200)
  t.same(served.json(), (await app.inject({ method: 'GET', url: '/openapi.json' })).json(), 'one document')
  const expected = await generateTypes(served.json())
  const kept = await readFile(new URL('../src/generated/api.ts', import.meta.url), 'utf8')
  t.ok(
    kept === expected,
    'clients/typescript/src/generated/api.ts is up to date (if not: cd clients/typescript && npm run generate -- <API>/openapi.json)',
  )
  t.match(kept, /"\/executions\/\{execution_id\}\/deliveries"/, 'it has every route, the newest included')
})
