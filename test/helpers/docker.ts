import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { EXECUTION_LABEL, SANDBOX_LABEL, WORKER_LABEL } from '../../src/sandbox/labels.ts'
import { runContainerName, WARM_NAME_PREFIX } from '../../src/sandbox/warm-container.ts'

/** Whose containers: always one worker's or one execution's, since other tests run containers at the same time. */
export type ContainerScope = { workerId: string } | { executionId: string }

function list(filters: string[]): { id: string; name: string }[] {
  const output = execFileSync(
    'docker',
    [
      'ps',
      '-a',
      '--filter',
      `label=${SANDBOX_LABEL}=true`,
      ...filters.flatMap((f) => ['--filter', f]),
      '--format',
      '{{.ID}} {{.Names}}',
    ],
    { encoding: 'utf8' },
  )
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', name = ''] = line.split(' ')
      return { id, name }
    })
}

/**
 * Ids of the scope's run containers, running or not, through the CLI: independent of the code under test. An
 * execution's container is found by its label, or by its name when it came from the warm pool; a worker's
 * leaves out its warm pool's idle stock (no run has been in those).
 */
export function sandboxContainers(scope: ContainerScope): string[] {
  if ('executionId' in scope) {
    const byLabel = list([`label=${EXECUTION_LABEL}=${scope.executionId}`])
    const byName = list([`name=^/${runContainerName(scope.executionId)}$`])
    return [...new Set([...byLabel, ...byName].map((container) => container.id))]
  }
  return list([`label=${WORKER_LABEL}=${scope.workerId}`])
    .filter((container) => !container.name.startsWith(WARM_NAME_PREFIX))
    .map((container) => container.id)
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
