import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LanguageManifestError, loadLanguageManifests } from './languages/load-languages.ts'
import type { LanguageManifest } from './languages/manifest-schema.ts'
import { shellCommand } from './languages/shell-quote.ts'

/**
 * The languages LiveCode runs: one folder each under images/ (or LANGUAGES_DIR, see src/config.ts), holding a
 * Dockerfile and a language.json (src/languages/manifest-schema.ts). Read once, when this module loads.
 */
export type LanguageId = string

export interface Language {
  id: LanguageId
  /** Human name shown by GET /languages. */
  name: string
  /** Folder under images/ and suffix of the image name. */
  image: string
  /** Where the in-container runner writes the source (inside the /tmp tmpfs). */
  sourcePath: string
  /** Shell command that compiles the source; null where the language is interpreted. */
  compileCommand: string | null
  /** argv of the program itself. */
  runCommand: string[]
  /** argv that prints the toolchain's version (first line kept). */
  versionCommand: string[]
  /** The program the playground starts with; empty when the manifest names none. */
  example: string
  /** The playground editor's mode; null: plain text. */
  editor: string | null
  /** `NAME=value` entries added to the sandbox's environment. */
  env: string[]
  /** What the toolchain needs at least, over the run's defaults. */
  limits: { memoryBytes?: number; pidsLimit?: number; tmpSizeBytes?: number }
}

const MiB = 1024 * 1024

/** The repository's images/ folder, where `make images` builds from. */
export const DEFAULT_LANGUAGES_DIR = fileURLToPath(new URL('../images/', import.meta.url))

export function languageFromManifest(manifest: LanguageManifest, folder: string): Language {
  const { limits = {} } = manifest
  return {
    id: manifest.id,
    name: manifest.name,
    image: manifest.id,
    sourcePath: `/tmp/${manifest.sourceFile}`,
    compileCommand: manifest.compile ? shellCommand(manifest.compile) : null,
    runCommand: manifest.run,
    versionCommand: manifest.version,
    example: manifest.example ? readFileSync(join(folder, manifest.id, manifest.example), 'utf8') : '',
    editor: manifest.editor ?? null,
    env: Object.entries(manifest.env ?? {}).map(([name, value]) => `${name}=${value}`),
    limits: {
      ...(limits.memoryMiB !== undefined && { memoryBytes: limits.memoryMiB * MiB }),
      ...(limits.processes !== undefined && { pidsLimit: limits.processes }),
      ...(limits.tmpMiB !== undefined && { tmpSizeBytes: limits.tmpMiB * MiB }),
    },
  }
}

function loadOrExit(folder: string): Language[] {
  try {
    return loadLanguageManifests(folder).map((manifest) => languageFromManifest(manifest, folder))
  } catch (error) {
    if (!(error instanceof LanguageManifestError)) throw error
    // A process that cannot know its languages must not start: said plainly, without a stack.
    process.stderr.write(`livecode: ${error.message}\n`)
    process.exit(1)
  }
}

const loaded = loadOrExit(process.env.LANGUAGES_DIR || DEFAULT_LANGUAGES_DIR)

export const LANGUAGE_IDS: readonly LanguageId[] = loaded.map((language) => language.id)
export const LANGUAGES: Readonly<Record<LanguageId, Language>> = Object.fromEntries(
  loaded.map((language) => [language.id, language]),
)

/** The language of an id that validation let through (a stored execution's, say). */
export function languageOf(id: LanguageId): Language {
  const language = LANGUAGES[id]
  if (!language) throw new Error(`unknown language ${JSON.stringify(id)} (not in ${LANGUAGE_IDS.join(', ')})`)
  return language
}

export function imageName(prefix: string, language: LanguageId): string {
  return `${prefix}/${languageOf(language).image}`
}
