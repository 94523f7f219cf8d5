import type Docker from 'dockerode'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { removeSandboxContainers } from '../sandbox/leftovers.ts'
import { WORKER_LABEL } from '../sandbox/types.ts'
import { isWorkerAlive } from './heartbeat.ts'

/**
 * A worker's id names its queue, so that deployments (or test runs) sharing one Docker engine with
 * different queues and Redis servers never judge each other's containers.
 */
export function workerIdFor(queueName: string, instance: string): string {
  return `${queueName}@${instance}`
}

/**
 * Removes sandbox containers whose worker (of this queue) no longer beats (it crashed or its host was lost).
 * Containers of live workers, this one included, are left alone.
 */
export async function reapLeftovers(
  docker: Docker,
  redis: Redis,
  queueName: string,
  selfId: string,
  logger: Logger,
): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: ['livecode.sandbox=true'] } })
  // Containers without an owner were not started by a worker (a sandbox test, a manual run): not ours to judge.
  const ownPrefix = workerIdFor(queueName, '')
  const owners = new Set(
    containers.map((container) => container.Labels[WORKER_LABEL]).filter((owner) => owner?.startsWith(ownPrefix)),
  )
  let removed = 0
  for (const owner of owners) {
    if (!owner || owner === selfId || (await isWorkerAlive(redis, queueName, owner))) continue
    const count = await removeSandboxContainers(docker, { workerId: owner })
    if (count > 0) logger.warn({ deadWorker: owner, count }, 'removed leftover sandbox containers')
    removed += count
  }
  return removed
}
