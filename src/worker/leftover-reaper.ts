import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type Docker from 'dockerode'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { WORKER_LABEL } from '../sandbox/labels.ts'
import { forceRemove, listSandboxContainers, removeExpiredSandboxes } from '../sandbox/leftovers.ts'
import { isWorkerAlive } from './heartbeat.ts'

/**
 * A worker's id names its queue, so that deployments (or test runs) sharing one Docker engine with
 * different queues and Redis servers never judge each other's containers.
 */
export function workerIdFor(queueName: string, instance: string): string {
  return `${queueName}@${instance}`
}

/** A new id for this worker process: its queue, host and pid, and a random part (a pid can come again). */
export function newWorkerId(queueName: string): string {
  return `${workerIdPrefixOf(queueName, process.pid)}${randomBytes(3).toString('hex')}`
}

/** What the id of every worker that process `pid` of this host started on the queue begins with. */
export function workerIdPrefixOf(queueName: string, pid: number): string {
  return workerIdFor(queueName, `${hostname()}-${pid}-`)
}

/**
 * Removes every sandbox on the engine past its deadline, whatever its queue, then the sandbox containers whose
 * worker (of this queue) no longer beats (it crashed or its host was lost). Containers of live workers within
 * their deadline, this worker's included, are left alone.
 */
export async function reapLeftovers(
  docker: Docker,
  redis: Redis,
  queueName: string,
  selfId: string,
  logger: Logger,
): Promise<number> {
  // Containers without an owner were not started by a worker (a sandbox test, a manual run): not ours to judge.
  const ownPrefix = workerIdFor(queueName, '')
  const expired = await removeExpiredSandboxes(docker, await listSandboxContainers(docker))
  if (expired.removed > 0) logger.warn({ count: expired.removed }, 'removed sandbox containers past their deadline')
  const byOwner = Map.groupBy(expired.remaining, (container) => container.Labels[WORKER_LABEL] ?? '')
  let removed = expired.removed
  for (const [owner, containers] of byOwner) {
    if (!owner.startsWith(ownPrefix) || owner === selfId || (await isWorkerAlive(redis, queueName, owner))) continue
    const count = await forceRemove(docker, containers)
    if (count > 0) logger.warn({ deadWorker: owner, count }, 'removed leftover sandbox containers')
    removed += count
  }
  return removed
}
