import type Docker from 'dockerode'
import { SandboxPlatformError } from './types.ts'

/**
 * The longest any single Docker request may go unanswered. A hung engine must never hang a worker: past this the
 * request is aborted and the run fails as the platform's (it is retried, never left RUNNING). Two of them fit in the
 * start allowance of a sandbox's deadline (attach, then start: src/sandbox/deadline.ts).
 */
export const DOCKER_CALL_LIMIT_MS = 15_000

/** A Docker request that got no answer within its limit. */
export class DockerTimeoutError extends SandboxPlatformError {
  override name = 'DockerTimeoutError'
}

interface DialOptions {
  path?: string
  method?: string
  isStream?: boolean
  hijack?: boolean
  abortSignal?: AbortSignal
}
type DialCallback = (error: unknown, result?: unknown) => void

/**
 * Requests that stay open for as long as a container lives, bounded by the run's own clock instead: streams
 * (attach, logs, events) and wait, which answers only when the container exits.
 */
function isLongLived(options: DialOptions): boolean {
  return options.isStream === true || options.hijack === true || /\/wait(\?|$)/.test(options.path ?? '')
}

/**
 * Gives every request of this client a time limit, in the one place all of dockerode's calls go through
 * (docker-modem's dial), so no call site can forget one. Returns the same client.
 */
export function limitDockerCalls(docker: Docker, limitMs = DOCKER_CALL_LIMIT_MS): Docker {
  const modem = docker.modem as unknown as { dial(options: DialOptions, callback: DialCallback): unknown }
  const dial = modem.dial.bind(modem)
  modem.dial = (options, callback) => {
    if (isLongLived(options) || options.abortSignal !== undefined) return dial(options, callback)
    const signal = AbortSignal.timeout(limitMs)
    return dial({ ...options, abortSignal: signal }, (error, result) => {
      if (error && signal.aborted) {
        const what = `${options.method ?? 'GET'} ${(options.path ?? '').split('?')[0]}`
        return callback(new DockerTimeoutError(`docker: ${what}: no answer within ${limitMs} ms`, { cause: error }))
      }
      callback(error, result)
    })
  }
  return docker
}

/** Settles as the Docker promise does, or rejects with DockerTimeoutError (for what limitDockerCalls leaves open). */
export async function withDockerLimit<T>(
  promise: Promise<T>,
  what: string,
  limitMs = DOCKER_CALL_LIMIT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DockerTimeoutError(`docker: ${what}: no answer within ${limitMs} ms`)), limitMs)
  })
  try {
    return await Promise.race([promise, limit])
  } finally {
    clearTimeout(timer)
  }
}
