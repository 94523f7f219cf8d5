import type { Config } from '../config.ts'
import { LANGUAGE_IDS, type LanguageId } from '../languages.ts'
import type { WarmPoolSettings } from './warm-pool.ts'

/** The pool's settings from the config: every language WARM_POOL_SIZE, then the per-language overrides. */
export function warmPoolSettingsFrom(config: Config, workerId: string): WarmPoolSettings {
  const size = config.WARM_POOL_SIZE
  const sizes: Record<LanguageId, number> = Object.fromEntries(LANGUAGE_IDS.map((language) => [language, size]))
  for (const pair of config.WARM_POOL_SIZES.split(',').filter(Boolean)) {
    const [language = '', count = ''] = pair.split('=')
    if (!LANGUAGE_IDS.includes(language)) throw new Error(`WARM_POOL_SIZES names an unknown language: ${language}`)
    sizes[language] = Number(count)
  }
  return { sizes, idleMs: config.WARM_POOL_IDLE_MS, maxConcurrentCreates: config.WARM_POOL_CREATES, workerId }
}

export function isPoolOn(settings: WarmPoolSettings): boolean {
  return Object.values(settings.sizes).some((size) => size > 0)
}
