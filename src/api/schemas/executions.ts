import { type Static, Type } from 'typebox'
import { EXECUTION_STATUSES, FAILURE_REASONS } from '../../execution-states.ts'
import { NullableTimestampSchema, TimestampSchema, UuidSchema } from './common.ts'
import { LanguageIdSchema } from './sessions.ts'

export const ExecutionParamsSchema = Type.Object({ execution_id: UuidSchema })
export type ExecutionParams = Static<typeof ExecutionParamsSchema>

export const RunAcceptedSchema = Type.Object({
  execution_id: UuidSchema,
  session_id: UuidSchema,
  status: Type.Literal('QUEUED'),
  queued_at: TimestampSchema,
})
export type RunAccepted = Static<typeof RunAcceptedSchema>

export const ExecutionSchema = Type.Object({
  execution_id: UuidSchema,
  session_id: UuidSchema,
  language: LanguageIdSchema,
  status: Type.Enum(EXECUTION_STATUSES),
  stdout: Type.String(),
  stderr: Type.String(),
  stdout_truncated: Type.Boolean(),
  stderr_truncated: Type.Boolean(),
  exit_code: Type.Union([Type.Integer(), Type.Null()]),
  failure_reason: Type.Union([Type.Enum(FAILURE_REASONS), Type.Null()]),
  duration_ms: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  queued_at: TimestampSchema,
  started_at: NullableTimestampSchema,
  finished_at: NullableTimestampSchema,
})
export type ExecutionResponse = Static<typeof ExecutionSchema>

export const DEFAULT_PAGE_SIZE = 20

export const ListExecutionsQuerySchema = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE, description: 'page size' }),
  ),
  cursor: Type.Optional(Type.String({ minLength: 1, description: 'next_cursor of the previous page' })),
})
export type ListExecutionsQuery = Static<typeof ListExecutionsQuerySchema>

const ByteCountSchema = Type.Integer({ minimum: 0, description: 'UTF-8 bytes of the stored stream' })

/** An execution in the run list: everything but its output, whose sizes it gives instead. */
export const ExecutionSummarySchema = Type.Object({
  ...Type.Omit(ExecutionSchema, ['stdout', 'stderr']).properties,
  stdout_bytes: ByteCountSchema,
  stderr_bytes: ByteCountSchema,
})
export type ExecutionSummaryResponse = Static<typeof ExecutionSummarySchema>

export const ExecutionListSchema = Type.Object({
  executions: Type.Array(ExecutionSummarySchema, {
    description: 'newest first; summaries without stdout and stderr (GET /executions/{execution_id} has them)',
  }),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
})
export type ExecutionList = Static<typeof ExecutionListSchema>
