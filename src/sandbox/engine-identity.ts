import type Docker from 'dockerode'

/**
 * Which Docker engine this is, as take-overs compare it. `docker info`'s ID alone does not tell engines apart:
 * it comes from a key file that engines on one host share (and hosts cloned from one image too); the host
 * name and the data root, which no two engines share, do. The same engine reached by two addresses gives
 * the same identity.
 */
export async function engineIdentity(docker: Docker): Promise<string> {
  const info = await docker.info()
  return `${info.ID}@${info.Name}:${info.DockerRootDir}`
}
