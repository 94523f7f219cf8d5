import type { Test } from 'tap'
import { startTestSystem, type TestSystem } from '../../../test/helpers/system.ts'

/** The API and a worker as startTestSystem gives them, the API listening on a loopback port for real clients. */
export async function startListeningSystem(
  t: Test,
  overrides: Record<string, string> = {},
): Promise<TestSystem & { baseUrl: string }> {
  const system = await startTestSystem(t, overrides)
  const address = await system.app.listen({ host: '127.0.0.1', port: 0 })
  return { ...system, baseUrl: address }
}
