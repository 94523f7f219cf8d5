// Compares two V8 heap snapshots: which groups of objects (type and constructor/name) grew, by count and bytes.
import { readFileSync } from 'node:fs'

interface Group {
  count: number
  bytes: number
}

function groups(file: string): Map<string, Group> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'))
  const fields: string[] = snapshot.snapshot.meta.node_fields
  const types: string[] = snapshot.snapshot.meta.node_types[0]
  const width = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const nodes: number[] = snapshot.nodes
  const strings: string[] = snapshot.strings
  const result = new Map<string, Group>()
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt] as number] ?? '?'
    // Strings and numbers are grouped by type only: their "name" is their content.
    const name = ['string', 'number', 'concatenated string', 'sliced string'].includes(type)
      ? ''
      : (strings[nodes[i + nameAt] as number] ?? '').slice(0, 80)
    const key = `${type} ${name}`
    const group = result.get(key) ?? { count: 0, bytes: 0 }
    group.count++
    group.bytes += nodes[i + sizeAt] as number
    result.set(key, group)
  }
  return result
}

/** Lines describing the 25 groups that grew most in bytes, per run as well as in total. */
export function diffSnapshots(before: string, after: string, runs: number): string[] {
  const a = groups(before)
  const b = groups(after)
  const rows = [...b].map(([key, group]) => {
    const old = a.get(key) ?? { count: 0, bytes: 0 }
    return { key, count: group.count - old.count, bytes: group.bytes - old.bytes }
  })
  const total = rows.reduce((sum, row) => sum + row.bytes, 0)
  const lines = [`heap grew ${total} bytes over ${runs} runs (${(total / runs).toFixed(0)} bytes per run)`]
  for (const row of rows.sort((x, y) => y.bytes - x.bytes).slice(0, 25))
    lines.push(
      `  ${String(row.bytes).padStart(10)} B ${String(row.count).padStart(7)} objects  ${(row.count / runs).toFixed(2)}/run  ${row.key}`,
    )
  return lines
}

if (import.meta.main) {
  const [before, after, runs] = process.argv.slice(2)
  if (!before || !after) throw new Error('usage: heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [runs]')
  for (const line of diffSnapshots(before, after, Number(runs ?? 1))) console.log(line)
}
