// Prints the configuration table from the config schema; with --write, puts it into docs/operations.md:
//   node src/ops/print-config-table.ts [--write]
import { readFileSync, writeFileSync } from 'node:fs'
import { CONFIG_TABLE_DOC, renderConfigTable, withFreshTable } from './config-table.ts'

if (process.argv.includes('--write')) {
  writeFileSync(CONFIG_TABLE_DOC, withFreshTable(readFileSync(CONFIG_TABLE_DOC, 'utf8')))
  console.log(`configuration table written into ${CONFIG_TABLE_DOC.pathname}`)
} else {
  process.stdout.write(renderConfigTable())
}
