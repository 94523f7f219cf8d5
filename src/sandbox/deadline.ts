import type Docker from 'dockerode'
import { DOCKER_CALL_LIMIT_MS } from './docker-call-limit.ts'
import { LIFETIME_LABEL } from './labels.ts'
import type { SandboxLimits } from './types.ts'

/** The runner (a second line, see container-spec.ts) kills the whole run this long after the worker's own limit. */
export const SELF_DESTRUCT_GRACE_MS = 10_000

/**
 * Time allowed from creating a container to starting its program (create, attach and start, each bounded by the
 * Docker call limit): a run is never begun with less than its whole limit left before the deadline.
 */
export const START_ALLOWANCE_MS = 3 * DOCKER_CALL_LIMIT_MS

/** Slack for the engine's creation time, which listings give in whole seconds. */
const CREATED_PRECISION_MS = 1000

/**
 * A sandbox's lifetime: its idle wait (a warm container created before its source arrives; 0 otherwise),
 * the start, the run's wall-clock limit and the self-destruct grace.
 */
export function sandboxLifetimeMs(limits: Pick<SandboxLimits, 'timeoutMs'>, idleMs = 0): number {
  return idleMs + START_ALLOWANCE_MS + limits.timeoutMs + SELF_DESTRUCT_GRACE_MS
}

/** The engine's clock now (so worker clocks never matter: creation times are the engine's too). */
export async function engineNowMs(docker: Docker): Promise<number> {
  const info = (await docker.info()) as { SystemTime?: string }
  const parsed = info.SystemTime ? Date.parse(info.SystemTime) : Number.NaN
  return Number.isFinite(parsed) ? parsed : Date.now()
}

/** True when a listed container carries a lifetime and is past it. Containers without the label are not judged. */
export function isPastDeadline(container: Pick<Docker.ContainerInfo, 'Created' | 'Labels'>, nowMs: number): boolean {
  const lifetimeMs = Number(container.Labels?.[LIFETIME_LABEL])
  if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) return false
  return nowMs > container.Created * 1000 + CREATED_PRECISION_MS + lifetimeMs
}
