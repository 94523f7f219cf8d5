import { type Kysely, sql } from 'kysely'
import type { Database } from './types.ts'

export type AppendResult =
  | { kind: 'appended'; inputBytes: number; eof: boolean }
  | { kind: 'missing' }
  | { kind: 'not_interactive' }
  | { kind: 'not_running'; status: string }
  | { kind: 'closed' }
  | { kind: 'too_large'; inputBytes: number }

/**
 * Appends to an interactive run's input while it is RUNNING, in one conditional update (concurrent appends from
 * any API replica are ordered by PostgreSQL); `eof` closes it. When nothing was written, says why.
 */
export async function appendInput(
  db: Kysely<Database>,
  executionId: string,
  data: string,
  eof: boolean,
  limitBytes: number,
): Promise<AppendResult> {
  const bytes = Buffer.byteLength(data, 'utf8')
  const appended = await db
    .updateTable('executions')
    .set({ input: sql<string>`input || ${data}`, input_eof: eof ? true : sql<boolean>`input_eof` })
    .where('id', '=', executionId)
    .where('status', '=', 'RUNNING')
    .where('interactive', '=', true)
    .where('input_eof', '=', false)
    .where(sql<boolean>`octet_length(input) + ${bytes} <= ${limitBytes}`)
    .returning([sql<number>`octet_length(input)`.as('input_bytes'), 'input_eof'])
    .executeTakeFirst()
  if (appended) return { kind: 'appended', inputBytes: Number(appended.input_bytes), eof: appended.input_eof }
  const row = await db
    .selectFrom('executions')
    .select(['status', 'interactive', 'input_eof', sql<number>`octet_length(input)`.as('input_bytes')])
    .where('id', '=', executionId)
    .executeTakeFirst()
  if (!row) return { kind: 'missing' }
  if (!row.interactive) return { kind: 'not_interactive' }
  if (row.status !== 'RUNNING') return { kind: 'not_running', status: row.status }
  if (row.input_eof) return { kind: 'closed' }
  return { kind: 'too_large', inputBytes: Number(row.input_bytes) }
}

/** An interactive run's input so far, for the worker that feeds it to the program. */
export async function readInput(
  db: Kysely<Database>,
  executionId: string,
): Promise<{ input: string; eof: boolean } | undefined> {
  const row = await db
    .selectFrom('executions')
    .select(['input', 'input_eof'])
    .where('id', '=', executionId)
    .executeTakeFirst()
  return row && { input: row.input, eof: row.input_eof }
}
