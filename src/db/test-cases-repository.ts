import type { Kysely } from 'kysely'
import { caseResultColumns } from '../judge/present-test-result.ts'
import type { CaseResult } from '../sandbox/types.ts'
import type { Database, Execution, TestCase } from './types.ts'

export interface TestCaseInput {
  stdin: string
  expected_stdout: string | null
  time_limit_ms: number
  hidden: boolean
}

/** The cases of a judged run, in order; written in the transaction that queues it. */
export async function insertTestCases(
  db: Kysely<Database>,
  executionId: string,
  cases: readonly TestCaseInput[],
): Promise<void> {
  if (cases.length === 0) return
  await db
    .insertInto('execution_test_cases')
    .values(cases.map((testCase, index) => ({ execution_id: executionId, index, ...testCase })))
    .execute()
}

export async function listTestCases(db: Kysely<Database>, executionId: string): Promise<TestCase[]> {
  return db
    .selectFrom('execution_test_cases')
    .selectAll()
    .where('execution_id', '=', executionId)
    .orderBy('index')
    .execute()
}

/** A judged run's cases; none for a plain run (without a query). */
export async function testCasesOf(db: Kysely<Database>, execution: Execution): Promise<TestCase[]> {
  return execution.compare === null ? [] : listTestCases(db, execution.id)
}

/** Each case's outcome; call it in the transaction that writes the run's end, so both land or neither. */
export async function recordCaseResults(
  db: Kysely<Database>,
  executionId: string,
  results: readonly CaseResult[],
): Promise<void> {
  for (const result of results) {
    await db
      .updateTable('execution_test_cases')
      .set(caseResultColumns(result))
      .where('execution_id', '=', executionId)
      .where('index', '=', result.index)
      .execute()
  }
}

/** Passed and total cases of each judged run among `executionIds` (the run list's summaries). */
export async function countPassedCases(
  db: Kysely<Database>,
  executionIds: readonly string[],
): Promise<Map<string, { passed: number; total: number }>> {
  if (executionIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('execution_test_cases')
    .select((eb) => [
      'execution_id',
      eb.fn.countAll<string>().as('total'),
      eb.fn.count<string>('verdict').filterWhere('verdict', '=', 'accepted').as('passed'),
    ])
    .where('execution_id', 'in', executionIds)
    .groupBy('execution_id')
    .execute()
  return new Map(rows.map((row) => [row.execution_id, { passed: Number(row.passed), total: Number(row.total) }]))
}
