import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { isConflict, isNotFound, toPlatformError } from './docker-errors.ts'
import { SandboxPlatformError } from './types.ts'

/**
 * Creates a sandbox container, hands it to `use`, and always removes it after, for runs and probes alike.
 * A missing image says how to build it; any engine failure is the platform's (SandboxPlatformError).
 */
export async function withSandboxContainer<T>(
  docker: Docker,
  spec: Docker.ContainerCreateOptions,
  doing: string,
  logger: Logger | undefined,
  use: (container: Docker.Container) => Promise<T>,
): Promise<T> {
  const container = await createSandboxContainer(docker, spec)
  try {
    return await use(container)
  } catch (error) {
    throw toPlatformError(error, doing)
  } finally {
    await removeSandboxContainer(container, logger)
  }
}

async function createSandboxContainer(docker: Docker, spec: Docker.ContainerCreateOptions): Promise<Docker.Container> {
  try {
    return await docker.createContainer(spec)
  } catch (error) {
    if (isNotFound(error))
      throw new SandboxPlatformError(`sandbox image ${spec.Image} is missing: build it with \`make images\``, {
        cause: error,
      })
    throw toPlatformError(error, 'create container')
  }
}

/** Force-removes a sandbox container; never throws (one left behind is found by its labels and reaped). */
async function removeSandboxContainer(container: Docker.Container, logger?: Logger): Promise<void> {
  try {
    await container.remove({ force: true })
  } catch (error) {
    if (isNotFound(error) || isConflict(error)) return
    logger?.error({ err: error, containerId: container.id }, 'sandbox container not removed')
  }
}
