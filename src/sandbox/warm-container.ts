import type Docker from 'dockerode'
import type { LanguageId } from '../languages.ts'
import { buildContainerSpec } from './container-spec.ts'
import { EXECUTION_LABEL, LIFETIME_LABEL, WARM_LABEL } from './labels.ts'
import type { SandboxSettings } from './types.ts'

/** The name of a warm container while it waits: no run has been in it. */
export const WARM_NAME_PREFIX = 'livecode-warm-'

/**
 * What the worker writes first to a warm container, before the run's own stdin payload: the line that ends its
 * wait. Its run (and the run's self-destruct timer) starts only then.
 */
export const WARM_GO = Buffer.from('\n')

/**
 * A warm container is the very container a run gets (same image, user range, limits, HostConfig, labels but the
 * execution), created and started before its run is known. Its command first waits, at most `idleMs`, for one
 * line on stdin (the shell's read takes one byte at a time from a pipe, so nothing of the source is eaten), then
 * runs the run's own command: so the self-destruct timer of the run starts when the source arrives, and an idle
 * container that nobody takes ends by itself. Its lifetime label covers the wait plus one run.
 */
export function buildWarmContainerSpec(
  settings: SandboxSettings,
  language: LanguageId,
  options: { workerId: string; idleMs: number },
): Docker.ContainerCreateOptions {
  const request = { executionId: '', language, sourceCode: '', stdin: '' }
  const run = buildContainerSpec(settings, request, { workerId: options.workerId })
  const covering = buildContainerSpec(settings, request, { workerId: options.workerId, idleMs: options.idleMs })
  const { [EXECUTION_LABEL]: _unknownYet, ...labels } = run.Labels ?? {}
  const idleSeconds = Math.ceil(options.idleMs / 1000)
  return {
    ...run,
    Cmd: [
      'sh',
      '-c',
      `timeout --signal=KILL ${idleSeconds}s sh -c 'read -r _' && exec "$@"`,
      'livecode-warm',
      ...(run.Cmd as string[]),
    ],
    Labels: { ...labels, [LIFETIME_LABEL]: covering.Labels?.[LIFETIME_LABEL] ?? '', [WARM_LABEL]: 'true' },
  }
}

/**
 * Labels cannot change after creation, so a warm container says which execution it runs by its name, given
 * when it is taken (while the source goes in): operators, and a take-over on the same engine, find it by it.
 */
export function runContainerName(executionId: string): string {
  return `livecode-run-${executionId}`
}
