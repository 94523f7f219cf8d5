import type Docker from 'dockerode'
import type { Logger } from 'pino'
import { isConflict, isNotFound, toPlatformError } from './docker-errors.ts'
import { SandboxPlatformError } from './types.ts'

/**
 * Creates a sandbox container, hands it to `use`, and always removes it after, for runs and probes alike.
 * A missing image says how to build it; any engine failure is the platform's (SandboxPlatformError).
 * `beforeRemoval` gets the result while the container still exists (a run's outcome is written there, so a removal
 * that hangs or fails never holds it up); its errors are its own, passed on unchanged.
 */
export async function withSandboxContainer<T>(
  docker: Docker,
  spec: Docker.ContainerCreateOptions,
  doing: string,
  logger: Logger | undefined,
  use: (container: Docker.Container) => Promise<T>,
  beforeRemoval?: (result: T) => Promise<void>,
  remove?: (container: Docker.Container) => Promise<void>,
): Promise<T> {
  return useSandboxContainer(await createSandboxContainer(docker, spec), doing, logger, use, beforeRemoval, remove)
}

/**
 * Hands a container (fresh, or from the warm pool) to `use` and always removes it after: each is used once.
 * `remove`, when given, is how it is removed once `beforeRemoval` is done (the default waits for the removal).
 */
export async function useSandboxContainer<T>(
  container: Docker.Container,
  doing: string,
  logger: Logger | undefined,
  use: (container: Docker.Container) => Promise<T>,
  beforeRemoval?: (result: T) => Promise<void>,
  remove: (container: Docker.Container) => Promise<void> = (done) => removeSandboxContainer(done, logger),
): Promise<T> {
  let result: T
  try {
    result = await use(container)
  } catch (error) {
    await removeSandboxContainer(container, logger)
    throw toPlatformError(error, doing)
  }
  try {
    await beforeRemoval?.(result)
  } finally {
    await remove(container)
  }
  return result
}

export async function createSandboxContainer(
  docker: Docker,
  spec: Docker.ContainerCreateOptions,
): Promise<Docker.Container> {
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

/**
 * Force-removes a sandbox container; never throws. One left behind (the engine did not answer) is removed once the
 * engine answers again: by its dead worker's reaper, or by any worker once past its deadline (lifetime label).
 */
export async function removeSandboxContainer(container: Docker.Container, logger?: Logger): Promise<void> {
  try {
    await container.remove({ force: true })
  } catch (error) {
    if (isNotFound(error) || isConflict(error)) return
    logger?.error({ err: error, containerId: container.id }, 'sandbox container not removed')
  }
}
