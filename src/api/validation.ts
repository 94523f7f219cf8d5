import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { SchemaErrorDataVar } from 'fastify/types/schema.js'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Value } from 'typebox/value'

/**
 * Validates every route part with TypeBox itself, the library the schemas are written in.
 * Params and query strings arrive as text, so they get defaults and a strict conversion of plain decimal
 * numbers (`?limit=2.5`, `0x10` or `true` stay text and fail an integer); a JSON body is checked as sent
 * (no coercion: `{"stdin": 1}` is a wrong type, not the string "1").
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema)
  return (input: unknown) => {
    const value = httpPart === 'body' ? input : Value.Default(schema, convertText(schema, input))
    if (validator.Check(value)) return { value }
    return { error: validator.Errors(value) as FastifySchemaValidationError[] }
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/** Text to numbers where a flat object schema (params, query string) asks for one, and nothing else. */
function convertText(schema: TSchema, input: unknown): unknown {
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

/** One readable sentence per problem, naming the field: `body.language must be one of "python", "cpp"`. */
export function formatValidationErrors(errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error {
  const messages: string[] = []
  for (const error of errors) {
    const message = describe(error, errors, dataVar)
    if (message && !messages.includes(message)) messages.push(message)
  }
  return new Error(messages.join('; ') || `${dataVar} is not valid`)
}

function describe(
  error: FastifySchemaValidationError,
  all: FastifySchemaValidationError[],
  dataVar: SchemaErrorDataVar,
): string | undefined {
  const field = fieldName(dataVar, error.instancePath)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    // `additionalProperties: false` also reports each extra field as "schema is false"; the line below says it.
    case 'boolean':
      return undefined
    // The alternatives of a union are summed up by its anyOf error.
    case 'const':
      return all.some((other) => other.keyword === 'anyOf' && other.instancePath === error.instancePath)
        ? undefined
        : `${field} must be ${JSON.stringify(params.allowedValue)}`
    case 'anyOf': {
      const allowed = all
        .filter((other) => other.keyword === 'const' && other.instancePath === error.instancePath)
        .map((other) => JSON.stringify((other.params as Record<string, unknown>).allowedValue))
      return allowed.length > 0 ? `${field} must be one of ${allowed.join(', ')}` : `${field} is not valid`
    }
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`
    case 'additionalProperties':
      return `${field} has unknown field(s): ${(params.additionalProperties as string[]).join(', ')}`
    case 'required':
      return `${(params.requiredProperties as string[]).map((name) => fieldName(dataVar, `${error.instancePath}/${name}`)).join(', ')} is required`
    case 'minProperties':
      return params.limit === 1
        ? `${field} must contain at least one field`
        : `${field} must contain at least ${params.limit} fields`
    case 'format':
      return params.format === 'uuid' ? `${field} must be a UUID` : `${field} must be a valid ${params.format}`
    default:
      return `${field} ${error.message ?? 'is not valid'}`
  }
}

function fieldName(dataVar: SchemaErrorDataVar, instancePath: string): string {
  return [dataVar, ...instancePath.split('/').filter(Boolean)].join('.')
}
