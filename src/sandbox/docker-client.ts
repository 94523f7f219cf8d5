import Docker from 'dockerode'

export interface DockerClientConfig {
  DOCKER_HOST?: string | undefined
  DOCKER_SOCKET: string
}

/** A dockerode client for DOCKER_HOST (tcp://host:port, unix:///path) or, when unset, the socket at DOCKER_SOCKET. */
export function createDockerClient(config: DockerClientConfig): Docker {
  const host = config.DOCKER_HOST?.trim()
  if (!host) return new Docker({ socketPath: config.DOCKER_SOCKET })
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) })
  if (host.startsWith('/')) return new Docker({ socketPath: host })
  const url = new URL(host.includes('://') ? host : `tcp://${host}`)
  const protocol = url.protocol === 'https:' ? 'https' : 'http'
  return new Docker({ protocol, host: url.hostname, port: url.port || (protocol === 'https' ? 2376 : 2375) })
}
