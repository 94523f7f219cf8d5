// The configuration table of docs/operations.md, rendered from the config schema so the two never disagree.
import { ConfigSchema } from '../config.ts'

export const CONFIG_TABLE_DOC = new URL('../../docs/operations.md', import.meta.url)
const START = /<!-- config-table:[^\n]*-->\n/
const END = '<!-- config-table end -->'

export function renderConfigTable(): string {
  const rows = ['| variable | default | meaning |', '| --- | --- | --- |']
  for (const [name, schema] of Object.entries(ConfigSchema.properties)) {
    const { default: fallback, description = '' } = schema as { default?: unknown; description?: string }
    const shown = fallback === undefined ? '(unset)' : fallback === '' ? '(empty)' : `\`${String(fallback)}\``
    rows.push(`| \`${name}\` | ${shown} | ${description} |`)
  }
  return `${rows.join('\n')}\n`
}

function tableBounds(doc: string): [number, number] {
  const start = START.exec(doc)
  const end = doc.indexOf(END)
  if (!start || end < start.index) throw new Error('docs/operations.md has lost its config-table markers')
  return [start.index + start[0].length, end]
}

/** The table as the document has it now, between its two markers. */
export function tableInDoc(doc: string): string {
  const [from, to] = tableBounds(doc)
  return doc.slice(from, to)
}

/** The document with its table replaced by the one the schema gives. */
export function withFreshTable(doc: string): string {
  const [from, to] = tableBounds(doc)
  return doc.slice(0, from) + renderConfigTable() + doc.slice(to)
}
