// Prints README's configuration table from the config schema, so the two never disagree:
//   node src/ops/print-config-table.ts
import { ConfigSchema } from '../config.ts'

console.log('| variable | default | meaning |')
console.log('| --- | --- | --- |')
for (const [name, schema] of Object.entries(ConfigSchema.properties)) {
  const { default: fallback, description = '' } = schema as { default?: unknown; description?: string }
  const shown = fallback === undefined ? '(unset)' : fallback === '' ? '(empty)' : `\`${String(fallback)}\``
  console.log(`| \`${name}\` | ${shown} | ${description} |`)
}
