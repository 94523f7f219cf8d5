import { retryAfterSeconds } from './errors.ts'

export interface RetryPolicy {
  /** Further tries of a request answered 429 or 503 (0: none, the default: the caller sees the error). */
  retries: number
  /** The longest Retry-After the client will wait out; a longer one is returned to the caller (default 60). */
  maxWaitSeconds?: number
}

/** Without Retry-After, the wait before a retry: short, since the API sends it with every 429 and 503 it means. */
const DEFAULT_WAIT_SECONDS = 1

/**
 * A fetch that, when the caller allows, tries a request again after an answer of 429 (rate limited, too many
 * active runs) or 503 (unavailable, overloaded), waiting as Retry-After says. Both are answered before anything
 * is written, so a retry is safe; a run also carries an Idempotency-Key for the case of a lost answer.
 */
export function retryingFetch(
  policy: RetryPolicy,
  inner: typeof fetch = fetch,
): (request: Request) => Promise<Response> {
  const maxWait = policy.maxWaitSeconds ?? 60
  return async (request) => {
    for (let retry = 0; ; retry++) {
      const response = await inner(retry < policy.retries ? request.clone() : request)
      if (retry >= policy.retries || (response.status !== 429 && response.status !== 503)) return response
      const waitSeconds = retryAfterSeconds(response) ?? DEFAULT_WAIT_SECONDS
      if (waitSeconds > maxWait) return response
      await response.body?.cancel()
      await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000))
    }
  }
}
