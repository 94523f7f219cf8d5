import http from 'node:http'
import https from 'node:https'
import { inspect } from 'node:util'
import Docker from 'dockerode'
import { limitDockerCalls } from './docker-call-limit.ts'

/**
 * The Docker client of workers (and of tests). docker-modem finds the engine the way the docker CLI does:
 * DOCKER_HOST (unix://, tcp://, ssh://), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS; unset, the local socket.
 * Every request has a time limit (src/sandbox/docker-call-limit.ts).
 */
export function createDockerClient(): Docker {
  const docker = new Docker()
  keepConnectionsOpen(docker)
  return limitDockerCalls(docker)
}

/**
 * A run makes several Docker requests; without an agent each opens and closes a connection of its own. Kept open,
 * they cost the worker and the engine less. (An ssh:// engine brings its own agent.)
 */
function keepConnectionsOpen(docker: Docker): void {
  const modem = docker.modem as unknown as { protocol?: string; agent?: http.Agent }
  if (modem.protocol === 'ssh' || modem.agent !== undefined) return
  const agent = modem.protocol === 'https' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true })
  // docker-modem inspects every request's options in full (for its debug log, even when that is off); without
  // this, that walks the agent and all its sockets on every request.
  Object.defineProperty(agent, inspect.custom, { value: () => 'keep-alive agent' })
  modem.agent = agent
}
