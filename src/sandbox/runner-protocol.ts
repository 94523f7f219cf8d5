import type Docker from 'dockerode'
import { isNotFound } from './docker-errors.ts'
import { SandboxPlatformError } from './types.ts'

/** The label images/build.sh puts on each image: the protocol its runner (images/runner/livecode-run.c) speaks. */
export const RUNNER_PROTOCOL_LABEL = 'livecode.runner-protocol'
/**
 * 2: the stdin's length in the header, end lines on both streams with the exit status, the end on stdin's close.
 * 3: the runner is the container's init, and takes its own deadline (and a warm container's idle bound) as options.
 * 4: the header counts test cases; a judged run's cases follow the source, and each ends with a verdict line.
 */
export const RUNNER_PROTOCOL = '4'

/** Throws when the image's runner speaks another protocol than this worker (a missing image is said elsewhere). */
export async function assertRunnerProtocol(docker: Docker, image: string): Promise<void> {
  let labels: Record<string, string> | undefined
  try {
    labels = (await docker.getImage(image).inspect()).Config?.Labels ?? undefined
  } catch (error) {
    if (isNotFound(error)) return
    throw error
  }
  const spoken = labels?.[RUNNER_PROTOCOL_LABEL]
  if (spoken !== RUNNER_PROTOCOL)
    throw new SandboxPlatformError(
      `${image} has a runner of protocol ${spoken ?? '1'}, this worker speaks ${RUNNER_PROTOCOL}: rebuild it with \`make images\``,
    )
}
