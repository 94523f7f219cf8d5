import Docker from 'dockerode'

/**
 * The Docker client of workers (and of tests). docker-modem finds the engine the way the docker CLI does:
 * DOCKER_HOST (unix://, tcp://, ssh://), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS; unset, the local socket.
 */
export function createDockerClient(): Docker {
  return new Docker()
}
