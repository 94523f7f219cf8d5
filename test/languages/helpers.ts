import { existsSync, readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { loadConfig } from '../../src/config.ts'
import { type LanguageId, languageOf } from '../../src/languages.ts'
import { sandboxSettingsFrom } from '../../src/sandbox/settings-from-config.ts'
import type { SandboxSettings } from '../../src/sandbox/types.ts'
import { sandboxRuntime } from '../helpers/runtime.ts'

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

/** The sandbox as a worker with the default config has it (256 MiB, 64 processes, 1 CPU, 30 s), images of IMAGE_PREFIX. */
export function defaultSandboxSettings(): SandboxSettings {
  const settings = sandboxSettingsFrom(loadConfig({ IMAGE_PREFIX: process.env.IMAGE_PREFIX || 'livecode' }))
  return { ...settings, runtime: sandboxRuntime() }
}
