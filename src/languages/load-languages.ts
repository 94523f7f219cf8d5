import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Value } from 'typebox/value'
import { describeSchemaErrors } from '../schema-errors.ts'
import { type LanguageManifest, LanguageManifestSchema } from './manifest-schema.ts'

/** The name of a language's manifest inside its folder. */
export const MANIFEST_FILE = 'language.json'

/** A manifest that cannot be used: the message names the file and the field. */
export class LanguageManifestError extends Error {
  override name = 'LanguageManifestError'
}

/** Every folder of `imagesDir` holding a language.json, read and checked, sorted by id. Throws on the first bad one. */
export function loadLanguageManifests(imagesDir: string): LanguageManifest[] {
  const folders = readdirSync(imagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(imagesDir, entry.name, MANIFEST_FILE)))
    .map((entry) => entry.name)
    .sort()
  if (folders.length === 0) throw new LanguageManifestError(`no ${imagesDir}/<id>/${MANIFEST_FILE}: no language at all`)
  return folders.map((folder) => readManifest(imagesDir, folder))
}

function readManifest(imagesDir: string, folder: string): LanguageManifest {
  const file = join(imagesDir, folder, MANIFEST_FILE)
  const shown = relative(process.cwd(), file) || file
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new LanguageManifestError(`${shown}: not JSON (${(error as Error).message})`)
  }
  if (!Value.Check(LanguageManifestSchema, parsed)) {
    const errors = [...Value.Errors(LanguageManifestSchema, parsed)]
    const problems = describeSchemaErrors(errors, (path) =>
      path === '' ? 'the manifest' : path.slice(1).replaceAll('/', '.'),
    )
    throw new LanguageManifestError(`${shown}: ${problems.join('; ')}`)
  }
  if (parsed.id !== folder) throw new LanguageManifestError(`${shown}: id must be "${folder}", the folder's name`)
  if (parsed.example !== undefined && !existsSync(join(imagesDir, folder, parsed.example)))
    throw new LanguageManifestError(`${shown}: example names ${parsed.example}, which is not in its folder`)
  if (!existsSync(join(imagesDir, folder, 'Dockerfile')))
    throw new LanguageManifestError(`${shown}: its folder has no Dockerfile`)
  return parsed
}
