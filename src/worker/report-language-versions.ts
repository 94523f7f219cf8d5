import type Docker from 'dockerode'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { saveLanguageVersion } from '../db/language-versions-repository.ts'
import type { Database } from '../db/types.ts'
import { LANGUAGE_IDS } from '../languages.ts'
import { probeLanguageVersion } from '../sandbox/language-version.ts'
import type { SandboxSettings } from '../sandbox/types.ts'

/** Asks each image for its toolchain's version and records it for GET /languages (the API has no Docker). */
export async function reportLanguageVersions(
  docker: Docker,
  db: Kysely<Database>,
  settings: SandboxSettings,
  logger: Logger,
): Promise<void> {
  // At once: each probe is a container start, and a worker's start-up waits for all of them.
  await Promise.all(
    LANGUAGE_IDS.map(async (language) => {
      try {
        const version = await probeLanguageVersion(docker, settings, language)
        await saveLanguageVersion(db, language, version)
        logger.info({ language, version }, 'language available')
      } catch (error) {
        logger.error({ err: error, language }, 'language image not usable (run `make images`)')
      }
    }),
  )
}
