import { type Static, Type } from 'typebox'
import { LANGUAGE_IDS } from '../../languages.ts'
import { TimestampSchema, UuidSchema } from './common.ts'

/** The union of the language ids (a JSON Schema enum). */
export const LanguageIdSchema = Type.Enum(LANGUAGE_IDS, { description: 'a language id, as listed by GET /languages' })

const SourceCodeSchema = Type.String({ description: 'the program; at most SOURCE_LIMIT_BYTES bytes of UTF-8' })
const StdinSchema = Type.String({
  description: "the program's standard input; at most STDIN_LIMIT_BYTES bytes of UTF-8",
})

export const SessionParamsSchema = Type.Object({ session_id: UuidSchema })
export type SessionParams = Static<typeof SessionParamsSchema>

export const SessionSchema = Type.Object({
  session_id: UuidSchema,
  language: LanguageIdSchema,
  source_code: Type.String(),
  stdin: Type.String(),
  execution_count: Type.Integer({ minimum: 0, description: 'runs so far (capped per session)' }),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
})
export type Session = Static<typeof SessionSchema>

export const CreateSessionBodySchema = Type.Object(
  {
    language: LanguageIdSchema,
    source_code: Type.Optional(SourceCodeSchema),
    stdin: Type.Optional(StdinSchema),
  },
  { additionalProperties: false },
)
export type CreateSessionBody = Static<typeof CreateSessionBodySchema>

export const PatchSessionBodySchema = Type.Object(
  {
    language: Type.Optional(LanguageIdSchema),
    source_code: Type.Optional(SourceCodeSchema),
    stdin: Type.Optional(StdinSchema),
  },
  { additionalProperties: false, minProperties: 1, description: 'any of the fields; at least one' },
)
export type PatchSessionBody = Static<typeof PatchSessionBodySchema>
