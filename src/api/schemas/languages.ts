import { type Static, Type } from 'typebox'
import { LanguageIdSchema } from './sessions.ts'

export const LanguageSchema = Type.Object({
  language: LanguageIdSchema,
  name: Type.String(),
  editor: Type.Union([Type.String(), Type.Null()], {
    description: "the playground editor's mode (a CodeMirror language); null: plain text",
  }),
  version: Type.Union([Type.String(), Type.Null()], { description: 'reported by the workers; null until one has' }),
})

export const LanguageListSchema = Type.Array(LanguageSchema)
export type LanguageList = Static<typeof LanguageListSchema>
