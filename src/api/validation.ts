import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { SchemaErrorDataVar } from 'fastify/types/schema.js'
import type { TSchema } from 'typebox'
import { describeSchemaErrors } from '../schema-errors.ts'

/**
 * The type provider's validator compiler, with one extension: params and query strings arrive as text, and
 * the library's conversion is lenient (`?limit=2.5` would become 2, `true` 1), so they are converted here
 * instead, strictly (plain decimals only); the library then checks every part as it is. A JSON body is never
 * coerced: `{"stdin": 1}` is a wrong type, not the string "1". Nothing is filled in: an optional field left
 * out stays out, and the route that reads it applies its default (the schema's `default` documents it).
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const check = TypeBoxValidatorCompiler({ ...route, httpPart: 'body' })
  if (route.httpPart === 'body') return check
  return (input: unknown) => check(strictNumbers(route.schema, input))
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/** Text to numbers where a flat object schema (params, query string) asks for one, and nothing else. */
function strictNumbers(schema: TSchema, input: unknown): unknown {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties
  if (typeof input !== 'object' || input === null || !properties) return input
  const output: Record<string, unknown> = { ...input }
  for (const [key, value] of Object.entries(output)) {
    const type = properties[key]?.type
    if (typeof value === 'string' && (type === 'integer' || type === 'number') && DECIMAL.test(value)) {
      output[key] = Number(value)
    }
  }
  return output
}

/** Fastify's schemaErrorFormatter: every problem in one message, each naming its field (`body.language …`). */
export function formatValidationErrors(errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error {
  const fieldName = (instancePath: string) => [dataVar, ...instancePath.split('/').filter(Boolean)].join('.')
  return new Error(describeSchemaErrors(errors, fieldName).join('; ') || `${dataVar} is not valid`)
}
