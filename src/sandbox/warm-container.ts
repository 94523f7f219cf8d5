import type Docker from 'dockerode'
import type { LanguageId } from '../languages.ts'
import { buildContainerSpec } from './container-spec.ts'
import { EXECUTION_LABEL, WARM_LABEL } from './labels.ts'
import type { SandboxSettings } from './types.ts'

/** The name of a warm container while it waits: no run has been in it. */
export const WARM_NAME_PREFIX = 'livecode-warm-'

/**
 * A warm container is the very container a run gets (same image, user range, limits, HostConfig, labels but the
 * execution), created and started before its run is known. Its runner waits, at most `idleMs`, for the first byte
 * of its stdin, and counts the run's own deadline from that byte: so the run's limits start when the source
 * arrives, and an idle container that nobody takes ends by itself. Its lifetime label covers the wait plus one run.
 */
export function buildWarmContainerSpec(
  settings: SandboxSettings,
  language: LanguageId,
  options: { workerId: string; idleMs: number },
): Docker.ContainerCreateOptions {
  const request = { executionId: '', language, sourceCode: '', stdin: '' }
  const spec = buildContainerSpec(settings, request, { workerId: options.workerId, idleMs: options.idleMs })
  const { [EXECUTION_LABEL]: _unknownYet, ...labels } = spec.Labels ?? {}
  return { ...spec, Labels: { ...labels, [WARM_LABEL]: 'true' } }
}

/**
 * Labels cannot change after creation, so a warm container says which execution it runs by its name, given
 * when it is taken (while the source goes in): operators, and a take-over on the same engine, find it by it.
 */
export function runContainerName(executionId: string): string {
  return `livecode-run-${executionId}`
}
