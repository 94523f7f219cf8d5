import type Docker from 'dockerode'
import { type LanguageId, languageOf } from '../languages.ts'
import { runAttached } from './attached-run.ts'
import { sandboxContainerOptions } from './container-spec.ts'
import { sandboxLifetimeMs } from './deadline.ts'
import { PROBE_LABEL } from './labels.ts'
import { OutputCollector } from './output-collector.ts'
import { assertRunnerProtocol } from './runner-protocol.ts'
import { withSandboxContainer } from './sandbox-container.ts'
import { SandboxPlatformError, type SandboxSettings } from './types.ts'

/** A version banner is one short line; anything longer is not what was asked for. */
const VERSION_OUTPUT_LIMIT = 4096
const PROBE_TIMEOUT_MS = 30_000

/**
 * Runs the language's versionCommand under the same restrictive container as a run and returns the first line
 * it printed, trimmed (e.g. "Python 3.13.5"). Throws SandboxPlatformError when the image is missing, its runner
 * speaks another protocol, or the command fails. The container is always removed.
 */
export async function probeLanguageVersion(
  docker: Docker,
  settings: SandboxSettings,
  language: LanguageId,
  options: { workerId?: string } = {},
): Promise<string> {
  const spec = sandboxContainerOptions(settings, language, {
    cmd: languageOf(language).versionCommand,
    labels: { [PROBE_LABEL]: language },
    openStdin: false,
    workerId: options.workerId,
    // Any worker on the engine removes a probe that outlives this (see deadline.ts), like any sandbox.
    lifetimeMs: sandboxLifetimeMs({ timeoutMs: PROBE_TIMEOUT_MS }),
  })
  await assertRunnerProtocol(docker, spec.Image as string)
  return withSandboxContainer(docker, spec, `probe ${language} version`, undefined, async (container) => {
    const stdout = new OutputCollector(VERSION_OUTPUT_LIMIT)
    const stderr = new OutputCollector(VERSION_OUTPUT_LIMIT)
    const exit = await runAttached(container, { stdout, stderr, timeoutMs: PROBE_TIMEOUT_MS })
    const line = (stdout.text().trim() || stderr.text().trim()).split('\n')[0]?.trim() ?? ''
    if (exit.stoppedBy !== null || exit.exitCode !== 0 || line === '') {
      const how = exit.stoppedBy ?? `exited ${exit.exitCode}`
      throw new SandboxPlatformError(`${language}: version command ${how}: ${stderr.text().trim()}`)
    }
    return line
  })
}
