import { type LanguageId, languageOf } from '../languages.ts'
import type { SandboxLimits } from './types.ts'

/** The run's limits for one language: its manifest may raise memory, processes and /tmp, never lower them. */
export function languageLimits(limits: SandboxLimits, language: LanguageId): SandboxLimits {
  const needs = languageOf(language).limits
  return {
    ...limits,
    memoryBytes: Math.max(limits.memoryBytes, needs.memoryBytes ?? 0),
    pidsLimit: Math.max(limits.pidsLimit, needs.pidsLimit ?? 0),
    tmpSizeBytes: Math.max(limits.tmpSizeBytes, needs.tmpSizeBytes ?? 0),
  }
}

/** The sandbox's environment with the language's own entries over it (a name given twice keeps the language's). */
export function languageEnv(base: readonly string[], language: LanguageId): string[] {
  const own = languageOf(language).env
  const ownNames = new Set(own.map((entry) => entry.slice(0, entry.indexOf('='))))
  return [...base.filter((entry) => !ownNames.has(entry.slice(0, entry.indexOf('=')))), ...own]
}
