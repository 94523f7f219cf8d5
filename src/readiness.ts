import { withTimeout } from './timeout.ts'

export type DependencyChecks = Record<string, () => Promise<unknown>>

export interface Readiness {
  ready: boolean
  /** Names of the dependencies that did not answer, each with why. */
  failed: { name: string; reason: string }[]
}

/** Asks every dependency at once, each within `timeoutMs`; shared by the API's and the workers' /ready. */
export async function checkReadiness(checks: DependencyChecks, timeoutMs: number): Promise<Readiness> {
  const names = Object.keys(checks)
  const results = await Promise.allSettled(
    names.map((name) => withTimeout(checks[name]?.() ?? Promise.resolve(), timeoutMs, name)),
  )
  const failed = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ name: names[index] ?? '', reason: String(result.reason) }] : [],
  )
  return { ready: failed.length === 0, failed }
}
