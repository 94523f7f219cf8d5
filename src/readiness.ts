import { withTimeout } from './timeout.ts'

export type DependencyChecks = Record<string, () => Promise<unknown>>

/** How long /ready gives each dependency to answer. */
const CHECK_TIMEOUT_MS = 1500

export interface Readiness {
  ready: boolean
  /** Names of the dependencies that did not answer, each with why. */
  failed: { name: string; reason: string }[]
  /** For the 503 body: which dependencies are unreachable. */
  message: string
}

/** Asks every dependency at once, each within a short timeout; shared by the API's and the workers' /ready. */
export async function checkReadiness(checks: DependencyChecks): Promise<Readiness> {
  const names = Object.keys(checks)
  const results = await Promise.allSettled(
    names.map((name) => withTimeout(checks[name]?.() ?? Promise.resolve(), CHECK_TIMEOUT_MS, name)),
  )
  const failed = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ name: names[index] ?? '', reason: String(result.reason) }] : [],
  )
  const message =
    failed.length === 0 ? 'ready' : `not ready: ${failed.map(({ name }) => `${name} unreachable`).join(', ')}`
  return { ready: failed.length === 0, failed, message }
}

/** The body of a 200 from /ready, API's and workers' alike: every dependency checked, each ok. */
export function readyBody<Name extends string>(names: Name[]): { status: 'ready'; checks: Record<Name, 'ok'> } {
  return { status: 'ready', checks: Object.fromEntries(names.map((name) => [name, 'ok'])) as Record<Name, 'ok'> }
}
