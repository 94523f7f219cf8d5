import type Docker from 'dockerode'
import { LANGUAGES, type LanguageId } from '../languages.ts'
import { sandboxContainerOptions } from './container-spec.ts'
import { toPlatformError } from './docker-errors.ts'
import { PROBE_LABEL } from './labels.ts'
import { collectorSink, OutputCollector } from './output-collector.ts'
import { createSandboxContainer, removeSandboxContainer } from './sandbox-container.ts'
import { SandboxPlatformError, type SandboxSettings } from './types.ts'

/** A version banner is one short line; anything longer is not what was asked for. */
const VERSION_OUTPUT_LIMIT = 4096
const PROBE_TIMEOUT_MS = 30_000

/**
 * Runs the language's versionCommand under the same restrictive container as a run and returns the first line
 * it printed, trimmed (e.g. "Python 3.13.5"). Throws SandboxPlatformError when the image is missing or the
 * command fails. The container is always removed.
 */
export async function probeLanguageVersion(
  docker: Docker,
  settings: SandboxSettings,
  language: LanguageId,
  options: { workerId?: string } = {},
): Promise<string> {
  const spec = sandboxContainerOptions(settings, language, {
    cmd: LANGUAGES[language].versionCommand,
    labels: { [PROBE_LABEL]: language },
    openStdin: false,
    workerId: options.workerId,
  })
  let container: Docker.Container | undefined
  try {
    container = await createSandboxContainer(docker, spec)
    const stream = await container.attach({ stream: true, stdout: true, stderr: true })
    const stdout = new OutputCollector(VERSION_OUTPUT_LIMIT)
    const stderr = new OutputCollector(VERSION_OUTPUT_LIMIT)
    const drained = new Promise<void>((resolve) => {
      stream.once('end', resolve)
      stream.once('error', () => resolve())
    })
    docker.modem.demuxStream(stream, collectorSink(stdout), collectorSink(stderr))
    await container.start()
    const timer = setTimeout(() => container?.kill().catch(() => {}), PROBE_TIMEOUT_MS)
    const exit = await container.wait().finally(() => clearTimeout(timer))
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 2000).unref())])
    const line = (stdout.text().trim() || stderr.text().trim()).split('\n')[0]?.trim() ?? ''
    if (exit.StatusCode !== 0 || line === '')
      throw new SandboxPlatformError(`${language}: version command exited ${exit.StatusCode}: ${stderr.text().trim()}`)
    return line
  } catch (error) {
    throw toPlatformError(error, `probe ${language} version`)
  } finally {
    if (container !== undefined) await removeSandboxContainer(container)
  }
}
