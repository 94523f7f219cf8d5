import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import t from 'tap'
import { ConfigSchema } from '../../src/config.ts'
import { CONFIG_TABLE_DOC, renderConfigTable, tableInDoc, withFreshTable } from '../../src/ops/config-table.ts'

const doc = readFileSync(CONFIG_TABLE_DOC, 'utf8')

t.test('every setting of the config schema has its row in docs/operations.md', async (t) => {
  const table = tableInDoc(doc)
  for (const name of Object.keys(ConfigSchema.properties)) {
    t.match(table, `| \`${name}\` |`, `${name} is in the table`)
  }
})

t.test(
  'the table in docs/operations.md is the one the schema gives (node src/ops/print-config-table.ts --write)',
  async (t) => {
    t.equal(tableInDoc(doc), renderConfigTable())
  },
)

t.test('a stale or missing row is found, and --write puts the fresh table in its place', async (t) => {
  const stale = doc.replace(/\| `PORT` \|[^\n]*\n/, '')
  t.not(tableInDoc(stale), renderConfigTable())
  t.equal(withFreshTable(stale), doc)
  t.throws(() => tableInDoc('no markers here'), /lost its config-table markers/)
})

t.test('node src/ops/print-config-table.ts prints the table', async (t) => {
  const script = new URL('../../src/ops/print-config-table.ts', import.meta.url).pathname
  t.equal(execFileSync(process.execPath, [script], { encoding: 'utf8' }), renderConfigTable())
})
