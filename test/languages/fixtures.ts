import { existsSync, readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { type LanguageId, languageOf } from '../../src/languages.ts'

/** What a language's fixtures are expected to do where languages differ (test/fixtures/<id>/expected.json). */
export interface LanguageExpectations {
  /** compile_error.<ext>: a compile error, or, where the language has no compile step, a syntax error. */
  compileError: { failureReason: string; exitCode: number; stderr: string; note?: string }
  /** crash.<ext>: prints "before", then fails at run time the way the language does. */
  crash: { exitCode: number; stderr: string }
}

function fixtureUrl(language: LanguageId, name: string): URL {
  return new URL(`../fixtures/${language}/${name}`, import.meta.url)
}

/** test/fixtures/<id>/<name>.<the extension of the language's source file>. */
export function languageFixture(language: LanguageId, name: string): string {
  return readFileSync(fixtureUrl(language, `${name}${extname(languageOf(language).sourcePath)}`), 'utf8')
}

export function hasLanguageFixtures(language: LanguageId): boolean {
  return existsSync(fixtureUrl(language, 'expected.json'))
}

export function languageExpectations(language: LanguageId): LanguageExpectations {
  return JSON.parse(readFileSync(fixtureUrl(language, 'expected.json'), 'utf8'))
}
