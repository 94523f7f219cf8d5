import { type Kysely, sql } from 'kysely'
import type { LanguageId } from '../languages.ts'
import type { Database } from './types.ts'

/** Workers, which alone reach Docker, report the toolchain version of each image they run. */
export async function saveLanguageVersion(db: Kysely<Database>, language: LanguageId, version: string): Promise<void> {
  await db
    .insertInto('language_versions')
    .values({ language, version })
    .onConflict((oc) => oc.column('language').doUpdateSet({ version, reported_at: sql<Date>`now()` }))
    .execute()
}

export async function listLanguageVersions(db: Kysely<Database>): Promise<Map<LanguageId, string>> {
  const rows = await db.selectFrom('language_versions').select(['language', 'version']).execute()
  return new Map(rows.map((row) => [row.language, row.version]))
}
