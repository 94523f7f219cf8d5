import type Docker from 'dockerode'

/**
 * Refuses to start a worker whose sandboxes could never run: an engine without the configured runtime would fail
 * every run as a platform error (retried, then internal_error) instead of saying once what is wrong.
 */
export async function assertEngineHasRuntime(docker: Docker, runtime: string): Promise<void> {
  const info = await docker.info()
  const runtimes = Object.keys((info.Runtimes ?? {}) as Record<string, unknown>)
  if (runtimes.includes(runtime)) return
  throw new Error(
    `CONTAINER_RUNTIME=${runtime}, but the Docker engine has no runtime "${runtime}" (it has ${runtimes.join(', ')}): ` +
      'register it with the engine (README, "gVisor"; src/ops/ensure-docker.sh prints the steps) or set CONTAINER_RUNTIME=runc',
  )
}
