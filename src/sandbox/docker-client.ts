import Docker from 'dockerode'
import { limitDockerCalls } from './docker-call-limit.ts'

/**
 * The Docker client of workers (and of tests). docker-modem finds the engine the way the docker CLI does:
 * DOCKER_HOST (unix://, tcp://, ssh://), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS; unset, the local socket.
 * Every request has a time limit (src/sandbox/docker-call-limit.ts).
 */
export function createDockerClient(): Docker {
  return limitDockerCalls(new Docker())
}
