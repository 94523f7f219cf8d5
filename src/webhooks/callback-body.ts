import { presentExecution } from '../api/presenters.ts'
import { ExecutionSchema } from '../api/schemas/executions.ts'
import type { Execution, TestCase } from '../db/types.ts'

/**
 * The execution as GET /executions/{id} serialises it: the presented fields in the schema's order (the API's
 * serializer writes them in that order), so that the signed bytes are the very bytes a GET answers.
 */
export function callbackBody(row: Execution, cases: readonly TestCase[]): string {
  const presented: Record<string, unknown> = presentExecution(row, cases)
  const ordered: Record<string, unknown> = {}
  for (const key of Object.keys(ExecutionSchema.properties)) {
    if (presented[key] !== undefined) ordered[key] = presented[key]
  }
  return JSON.stringify(ordered)
}
