import { type Static, Type } from 'typebox'
import { ERRORS, type ErrorCode } from '../errors.ts'

export const UuidSchema = Type.String({ format: 'uuid' })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The same test as UuidSchema's, for code that runs before validation. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}
export const TimestampSchema = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' })
export const NullableTimestampSchema = Type.Union([TimestampSchema, Type.Null()])

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(Object.keys(ERRORS) as ErrorCode[]),
      message: Type.String(),
    }),
  },
  { description: 'Every error, whatever the route' },
)
export type ErrorResponse = Static<typeof ErrorSchema>

/** The error responses a route documents, by status. */
export function errorResponses(...codes: ErrorCode[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries(codes.map((code) => [ERRORS[code].status, ErrorSchema]))
}
