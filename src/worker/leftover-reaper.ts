import type Docker from 'dockerode'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { removeSandboxContainers } from '../sandbox/leftovers.ts'
import { WORKER_LABEL } from '../sandbox/types.ts'
import { isWorkerAlive } from './heartbeat.ts'

/**
 * Removes sandbox containers whose worker no longer beats (it crashed or its host was lost).
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
  const owners = new Set(containers.map((container) => container.Labels[WORKER_LABEL] ?? ''))
  let removed = 0
  for (const owner of owners) {
    if (owner === selfId || (owner !== '' && (await isWorkerAlive(redis, queueName, owner)))) continue
    const count = await removeSandboxContainers(docker, owner === '' ? { all: true } : { workerId: owner })
    if (count > 0) logger.warn({ deadWorker: owner || 'unknown', count }, 'removed leftover sandbox containers')
    removed += count
  }
  return removed
}
