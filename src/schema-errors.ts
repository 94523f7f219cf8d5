/** A TypeBox validation error, as both `Value.Errors` and a compiled validator report it. */
export interface SchemaError {
  keyword: string
  instancePath: string
  params: unknown
  message?: string
}

/**
 * One readable sentence per problem, in the words of both the API's 400s and the config's start-up errors:
 * `body.language must be one of "python", "cpp"`. `name` turns the JSON pointer of a field into what the
 * sentence calls it. Errors that another one already says are left out.
 */
export function describeSchemaErrors(errors: SchemaError[], name: (instancePath: string) => string): string[] {
  const sentences = new Set<string>()
  for (const error of errors) {
    const sentence = describe(error, errors, name)
    if (sentence) sentences.add(sentence)
  }
  return [...sentences]
}

function describe(error: SchemaError, all: SchemaError[], name: (instancePath: string) => string): string | undefined {
  const field = name(error.instancePath)
  const params = error.params as Record<string, unknown>
  const quoted = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(', ')
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
        .map((other) => (other.params as Record<string, unknown>).allowedValue)
      return allowed.length > 0 ? `${field} must be one of ${quoted(allowed)}` : `${field} is not valid`
    }
    case 'enum':
      return `${field} must be one of ${quoted(params.allowedValues as unknown[])}`
    case 'additionalProperties':
      return `${field} has unknown field(s): ${(params.additionalProperties as string[]).join(', ')}`
    case 'required':
      return `${(params.requiredProperties as string[]).map((key) => name(`${error.instancePath}/${key}`)).join(', ')} is required`
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
