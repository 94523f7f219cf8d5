import type Docker from 'dockerode'

/** What a worker needs to know of its Docker engine, from one `docker info` at start-up. */
export interface EngineInfo {
  ID: string
  Name: string
  DockerRootDir: string
  Runtimes?: Record<string, unknown>
}

export async function engineInfo(docker: Docker): Promise<EngineInfo> {
  return (await docker.info()) as EngineInfo
}

/**
 * Which Docker engine this is, as take-overs compare it. `docker info`'s ID alone does not tell engines apart:
 * it comes from a key file that engines on one host share (and hosts cloned from one image too); the host
 * name and the data root, which no two engines share, do. The same engine reached by two addresses gives
 * the same identity.
 */
export function engineIdentity(info: EngineInfo): string {
  return `${info.ID}@${info.Name}:${info.DockerRootDir}`
}

/**
 * Refuses to start a worker whose sandboxes could never run: an engine without the configured runtime would fail
 * every run as a platform error (retried, then internal_error) instead of saying once what is wrong.
 */
export function assertEngineHasRuntime(info: EngineInfo, runtime: string): void {
  const runtimes = Object.keys(info.Runtimes ?? {})
  if (runtimes.includes(runtime)) return
  throw new Error(
    `CONTAINER_RUNTIME=${runtime}, but the Docker engine has no runtime "${runtime}" (it has ${runtimes.join(', ')}): ` +
      'register it with the engine (docs/security.md, "gVisor"; src/ops/ensure-docker.sh prints the steps) or set CONTAINER_RUNTIME=runc',
  )
}
