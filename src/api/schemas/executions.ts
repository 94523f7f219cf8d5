import { type Static, Type } from 'typebox'
import { EXECUTION_STATUSES, FAILURE_REASONS } from '../../execution-states.ts'
import { CASE_VERDICTS, COMPARE_MODES } from '../../judge/verdicts.ts'
import { CALLBACK_URL_MAX_LENGTH } from '../../webhooks/callback-url.ts'
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

export interface RunBodyBounds {
  maxCases: number
  caseBytes: number
  maxTimeLimitMs: number
  defaultTimeLimitMs: number
}

const CompareSchema = Type.Enum(COMPARE_MODES, {
  description:
    'how stdout is compared with expected_stdout: lines (the default: trailing spaces of each line and trailing empty lines ignored) or exact',
})

/** The run request's optional body; its bounds are settings (TEST_CASES_MAX, TEST_CASE_LIMIT_BYTES, ...). */
export function runBodySchema(bounds: RunBodyBounds) {
  const TestCaseSchema = Type.Object(
    {
      stdin: Type.String({ description: `the case's standard input; at most ${bounds.caseBytes} bytes of UTF-8` }),
      expected_stdout: Type.Optional(
        Type.String({ description: `what stdout must be (see compare); at most ${bounds.caseBytes} bytes of UTF-8` }),
      ),
      time_limit_ms: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: bounds.maxTimeLimitMs,
          description: `wall time of this case (default ${bounds.defaultTimeLimitMs}); the run's own limit still bounds them all`,
        }),
      ),
      hidden: Type.Optional(
        Type.Boolean({
          description: 'true: only its verdict is ever returned (not its stdin, expected or actual output)',
        }),
      ),
    },
    { additionalProperties: false },
  )
  return Type.Object(
    {
      test_cases: Type.Optional(
        Type.Array(TestCaseSchema, {
          minItems: 1,
          maxItems: bounds.maxCases,
          description: 'judge the program: compiled once, run once per case, each with a verdict',
        }),
      ),
      compare: Type.Optional(CompareSchema),
      callback_url: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: CALLBACK_URL_MAX_LENGTH,
          description:
            'http(s) URL that gets one POST of the finished execution (as GET /executions/{id} gives it), signed in a `LiveCode-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">` header and retried with backoff for up to 24 h until it answers 2xx; loopback, private, link-local and metadata addresses are refused',
        }),
      ),
      interactive: Type.Optional(
        Type.Boolean({
          description:
            "true: the program's stdin stays open after the session's stdin; send more with POST /executions/{id}/input",
        }),
      ),
    },
    { additionalProperties: false },
  )
}
export type RunBody = Static<ReturnType<typeof runBodySchema>>

/** One case of a judged run as returned: a hidden case shows its verdict only. */
export const TestResultSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  hidden: Type.Boolean(),
  verdict: Type.Union([Type.Enum(CASE_VERDICTS), Type.Null()], { description: 'null until the run has ended' }),
  stdin: Type.Optional(Type.String()),
  expected_stdout: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  time_limit_ms: Type.Optional(Type.Integer({ minimum: 1 })),
  stdout: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  stderr: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  stdout_truncated: Type.Optional(Type.Boolean()),
  stderr_truncated: Type.Optional(Type.Boolean()),
  exit_code: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  duration_ms: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  cpu_time_ms: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  peak_memory_bytes: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'largest resident set of the case' }),
  ),
})
export type TestResult = Static<typeof TestResultSchema>

const TestSummarySchema = Type.Union(
  [Type.Object({ passed: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 1 }) }), Type.Null()],
  { description: 'cases accepted, of all; null for a run without test cases' },
)

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
  cpu_time_ms: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: "CPU time of the run's container, C++ compile included; null where unknown (the run never started)",
  }),
  peak_memory_bytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: "peak memory of the run's container (page cache and /tmp included); null where unknown",
  }),
  queued_at: TimestampSchema,
  started_at: NullableTimestampSchema,
  finished_at: NullableTimestampSchema,
  interactive: Type.Boolean({ description: 'its stdin stayed open for POST /executions/{id}/input' }),
  input: Type.String({ description: 'what was sent to an interactive run while it ran, in order (part of what ran)' }),
  input_eof: Type.Boolean({ description: 'an interactive run whose input was closed (eof)' }),
  compare: Type.Union([CompareSchema, Type.Null()]),
  test_results: Type.Union([Type.Array(TestResultSchema), Type.Null()], {
    description: 'a judged run: each case in order, with its verdict; null for a run without test cases',
  }),
  test_summary: TestSummarySchema,
})
export type ExecutionResponse = Static<typeof ExecutionSchema>

/** `?wait=` of GET /executions/{id}; its upper bound is a setting (WAIT_MAX_SECONDS). */
export function getExecutionQuerySchema(maxWaitSeconds: number) {
  return Type.Object({
    wait: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: maxWaitSeconds,
        description: `seconds (0–${maxWaitSeconds}) to wait for a terminal state before answering with the current one`,
      }),
    ),
  })
}

const STREAM_ID_PATTERN = '^[0-9]{1,20}-[0-9]{1,20}$'

export const EventsHeadersSchema = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({ pattern: STREAM_ID_PATTERN, description: 'resume after this event id (sent by EventSource)' }),
  ),
})

/** The event stream as OpenAPI shows it: text, one `id:`/`event:`/`data:` block per event. */
export const EventStreamResponse = {
  description: [
    'Server-Sent Events. `event: status`, data `{"status": ...}`: the current state first, then each change;',
    '`event: stdout` / `event: stderr`, data `{"data": "<text>"}`: output as the program writes it, within the',
    'per-stream cap of the stored output; `event: case` (judged runs), data: one test case with its verdict, as',
    'it is decided; `event: done`, data: the execution as GET /executions/{id} gives it,',
    'then the stream ends. Every event has an `id:` (send it back as Last-Event-ID to resume); a comment line',
    'every 15 s keeps the connection open.',
  ].join(' '),
  content: {
    'text/event-stream': {
      schema: Type.String({
        examples: ['id: 1764379250065-0\nevent: stdout\ndata: {"data":"tick 1\\n"}\n\n'],
      }),
    },
  },
}

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'the same key on the same session within 24 h answers with the first run; nothing new is run',
    }),
  ),
})

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
  ...Type.Omit(ExecutionSchema, ['stdout', 'stderr', 'test_results', 'input']).properties,
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
