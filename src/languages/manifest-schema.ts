import { type Static, Type } from 'typebox'

const Argv = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description })

/**
 * The shape of images/<id>/language.json: everything LiveCode knows of a language besides its image.
 * Limits here only ever raise the run's defaults (src/config.ts), for toolchains that need more.
 */
export const LanguageManifestSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', description: "the language's id: its folder's name" }),
    name: Type.String({ minLength: 1, maxLength: 80, description: 'the name GET /languages shows' }),
    sourceFile: Type.String({
      pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
      description: 'the file the source is written to, in /tmp',
    }),
    compile: Type.Optional(Argv('argv of the compile step, run once before the program; absent: interpreted')),
    run: Argv('argv of the program'),
    version: Argv("argv that prints the toolchain's version (its first line is kept)"),
    editor: Type.Optional(
      Type.String({ minLength: 1, description: "the playground editor's mode for it; plain text when unknown" }),
    ),
    example: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
        description: 'a file of this folder: the program the playground starts with (it reads a name and greets)',
      }),
    ),
    env: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$' }), Type.String(), {
        description: 'environment of compile and run (caches, say), over the sandbox defaults',
      }),
    ),
    limits: Type.Optional(
      Type.Object(
        {
          memoryMiB: Type.Optional(Type.Integer({ minimum: 16, maximum: 65536, description: 'memory, at least' })),
          processes: Type.Optional(
            Type.Integer({ minimum: 8, maximum: 4096, description: 'processes and threads, at least' }),
          ),
          tmpMiB: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096, description: 'size of /tmp, at least' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export type LanguageManifest = Static<typeof LanguageManifestSchema>
