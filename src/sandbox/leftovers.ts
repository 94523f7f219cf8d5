import type Docker from 'dockerode'
import { engineNowMs, isPastDeadline } from './deadline.ts'
import { isConflict, isNotFound } from './docker-errors.ts'
import { EXECUTION_LABEL, SANDBOX_LABEL, WORKER_LABEL } from './labels.ts'
import { runContainerName } from './warm-container.ts'

export interface LeftoverFilter {
  /** Containers of these executions. */
  executionIds?: string[]
  /** Containers started by this worker. */
  workerId?: string
}

/** Force-removes sandbox containers (running or not) that match; returns how many were removed. */
export async function removeSandboxContainers(docker: Docker, filter: LeftoverFilter): Promise<number> {
  const base = `${SANDBOX_LABEL}=true`
  let labelSets: string[][]
  if (filter.executionIds !== undefined)
    labelSets = filter.executionIds.map((id) => {
      const labels = [base, `${EXECUTION_LABEL}=${id}`]
      if (filter.workerId !== undefined) labels.push(`${WORKER_LABEL}=${filter.workerId}`)
      return labels
    })
  else if (filter.workerId !== undefined) labelSets = [[base, `${WORKER_LABEL}=${filter.workerId}`]]
  else return 0
  let removed = 0
  for (const labels of labelSets) {
    const containers = await docker.listContainers({ all: true, filters: { label: labels } })
    removed += await forceRemove(docker, containers)
  }
  // A warm container taken for a run carries the execution in its name, not its labels: one listing for all of
  // them (the engine ORs name filters).
  const names = (filter.executionIds ?? []).map((id) => `^/${runContainerName(id)}$`)
  if (names.length > 0) {
    const labels = filter.workerId === undefined ? [base] : [base, `${WORKER_LABEL}=${filter.workerId}`]
    removed += await forceRemove(
      docker,
      await docker.listContainers({ all: true, filters: { label: labels, name: names } }),
    )
  }
  return removed
}

/** Every sandbox container on the engine, running or not, with its labels. */
export async function listSandboxContainers(docker: Docker): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=true`] } })
}

/** How long to wait for another caller's removal of a container to finish. */
const OTHERS_REMOVAL_WAIT_MS = 30_000

/**
 * Force-removes the given containers; returns how many this call removed. Each is gone when it returns, even one
 * that another caller (a reaper, a take-over) was removing at the same time.
 */
export async function forceRemove(docker: Docker, containers: Pick<Docker.ContainerInfo, 'Id'>[]): Promise<number> {
  let removed = 0
  for (const { Id } of containers) {
    const container = docker.getContainer(Id)
    try {
      await container.remove({ force: true })
      removed++
    } catch (error) {
      if (isNotFound(error)) continue // another caller (or the engine) got there first
      // 409: another caller's removal is in progress, and the container may not have stopped yet.
      if (!isConflict(error)) throw error
      await waitUntilRemoved(container)
    }
  }
  return removed
}

async function waitUntilRemoved(container: Docker.Container): Promise<void> {
  try {
    await container.wait({ condition: 'removed', abortSignal: AbortSignal.timeout(OTHERS_REMOVAL_WAIT_MS) })
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
}

/**
 * Force-removes every sandbox on the engine that is past its deadline (its lifetime label), whoever created it and
 * whatever its queue: the deadline holds even when the program stopped the container's own timer and its worker
 * is gone. Returns the containers left to judge otherwise.
 */
export async function removeExpiredSandboxes(
  docker: Docker,
  containers: Docker.ContainerInfo[],
): Promise<{ removed: number; remaining: Docker.ContainerInfo[] }> {
  const now = await engineNowMs(docker)
  const expired = containers.filter((container) => isPastDeadline(container, now))
  const removed = expired.length > 0 ? await forceRemove(docker, expired) : 0
  return { removed, remaining: containers.filter((container) => !expired.includes(container)) }
}
