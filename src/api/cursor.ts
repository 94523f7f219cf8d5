import { Value } from 'typebox/value'
import type { ExecutionCursor } from '../db/executions-repository.ts'
import { ApiError } from './errors.ts'
import { UuidSchema } from './schemas/common.ts'

// Opaque to clients: base64url of "<queued_at ISO>|<id>", the keyset of the last row of a page.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export function encodeCursor(cursor: ExecutionCursor): string {
  return Buffer.from(`${cursor.queuedAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url')
}

/** Throws a validation_error for anything that encodeCursor did not make. */
export function decodeCursor(text: string): ExecutionCursor {
  const [queuedAt = '', id = '', ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  const date = new Date(queuedAt)
  if (rest.length > 0 || !ISO_UTC.test(queuedAt) || Number.isNaN(date.getTime()) || !Value.Check(UuidSchema, id)) {
    throw new ApiError('validation_error', 'querystring.cursor is not a cursor this API returned')
  }
  return { queuedAt: date, id }
}
