import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { EXECUTION_LABEL, SANDBOX_LABEL, WORKER_LABEL } from '../../src/sandbox/labels.ts'

/** Whose containers: always one worker's or one execution's, since other tests run containers at the same time. */
export type ContainerScope = { workerId: string } | { executionId: string }

/** Ids of the scope's sandbox containers, running or not, through the CLI: independent of the code under test. */
export function sandboxContainers(scope: ContainerScope): string[] {
  const owner = 'workerId' in scope ? `${WORKER_LABEL}=${scope.workerId}` : `${EXECUTION_LABEL}=${scope.executionId}`
  const output = execFileSync(
    'docker',
    ['ps', '-aq', '--filter', `label=${SANDBOX_LABEL}=true`, '--filter', `label=${owner}`],
    { encoding: 'utf8' },
  )
  return output.split('\n').filter(Boolean)
}

/**
 * The scope's sandbox containers once their removal had time to happen: a run's outcome is written just before
 * its container is removed, so a client can see the end while the removal is still under way.
 */
export async function sandboxContainersAfterRemoval(scope: ContainerScope, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const left = sandboxContainers(scope)
    if (left.length === 0 || Date.now() > deadline) return left
    await sleep(100)
  }
}
