import { SandboxPlatformError } from './types.ts'

function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode
  return typeof code === 'number' ? code : undefined
}

/** The engine answered 404 (no such container or image). */
export function isNotFound(error: unknown): boolean {
  return statusCode(error) === 404
}

/** The engine answered 409 (e.g. the container is not running, or its removal is already in progress). */
export function isConflict(error: unknown): boolean {
  return statusCode(error) === 409
}

/** Any failure of the engine or of the way to it (socket down, 5xx) is the platform's, not the program's. */
export function toPlatformError(error: unknown, doing: string): SandboxPlatformError {
  if (error instanceof SandboxPlatformError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new SandboxPlatformError(`docker: ${doing}: ${message}`, { cause: error })
}
