// The languages as the API serves them (GET /languages, read from images/<id>/language.json): the menu, each
// one's file name, the program a new session starts with, and its editor mode.
import type { Language, LanguageId } from './contract.ts'

export const STARTER_INPUT = 'Ada\n'

let served: Language[] = []

export function setServedLanguages(languages: Language[]): void {
  served = languages
}

export function servedLanguage(id: LanguageId): Language | undefined {
  return served.find((language) => language.language === id)
}

export function starterOf(id: LanguageId): string {
  return servedLanguage(id)?.example ?? ''
}

/** True when the source is one of the starters, untouched (or empty): switching language may then replace it. */
export function isStarter(source: string): boolean {
  return source.trim() === '' || served.some((language) => language.example.trim() === source.trim())
}
