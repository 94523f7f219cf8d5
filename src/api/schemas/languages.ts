import { type Static, Type } from 'typebox'
import { LanguageIdSchema } from './sessions.ts'

export const LanguageSchema = Type.Object({
  language: LanguageIdSchema,
  name: Type.String(),
  source_file: Type.String({ description: 'the name the source is written to, e.g. main.go (Java: Main.java)' }),
  example: Type.String({ description: 'a program to start from: it reads a name from stdin and greets; may be empty' }),
  editor: Type.Union([Type.String(), Type.Null()], {
    description: "the playground editor's mode (a CodeMirror language); null: plain text",
  }),
  version: Type.Union([Type.String(), Type.Null()], { description: 'reported by the workers; null until one has' }),
})

export const LanguageListSchema = Type.Array(LanguageSchema)
export type LanguageList = Static<typeof LanguageListSchema>
