// A refused or failed API call, and what the page says about it. Pure: tested in Node.
import { formatWait } from './format.ts'

/** What went wrong with one request: the HTTP status (0: no answer at all) and the API's error body. */
export class ApiProblem extends Error {
  override name = 'ApiProblem'
  readonly status: number
  readonly code: string
  /** From Retry-After, when the API gave one. */
  readonly retryAfterSeconds: number | null

  constructor(status: number, code: string, message: string, retryAfterSeconds: number | null = null) {
    super(message)
    this.status = status
    this.code = code
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

export type Action = 'run' | 'save' | 'load' | 'create' | 'cancel'

export interface ProblemMessage {
  title: string
  detail: string
  /** Seconds until it is worth trying again; the page counts down and re-enables Run. */
  retryAfterSeconds: number | null
  /** A fresh session is the way out (this one is gone or used up). */
  offerNewSession: boolean
}

const NOTHING_DONE: Record<Action, string> = {
  run: 'Nothing was run.',
  save: 'Your latest edits are not saved yet; they stay in the editor.',
  load: 'Nothing could be loaded.',
  create: 'No session was created.',
  cancel: 'The run was not cancelled.',
}

/**
 * The message a person wants: what happened, whether it is their doing, and when to try again.
 * `secondsLeft` (by default the Retry-After) lets a countdown say the same thing as time passes.
 */
export function describeProblem(
  problem: ApiProblem,
  action: Action,
  secondsLeft: number | null = problem.retryAfterSeconds,
): ProblemMessage {
  const retry = secondsLeft
  const again =
    retry === null
      ? 'Try again in a moment.'
      : retry <= 0
        ? 'You can try again now.'
        : `Try again in ${formatWait(retry)}.`
  const message = (title: string, detail: string, offerNewSession = false): ProblemMessage => ({
    title,
    detail,
    retryAfterSeconds: retry,
    offerNewSession,
  })
  switch (problem.code) {
    case 'network':
      return message('Cannot reach LiveCode', `The server did not answer. ${NOTHING_DONE[action]}`)
    case 'rate_limited':
      return message(
        'Too many runs for now',
        `Runs are limited per minute. ${retry === null ? 'Wait a minute.' : retry <= 0 ? 'You can run again now.' : `You can run again in ${formatWait(retry)}.`}`,
      )
    case 'too_many_active_runs':
      return message('Too many runs at once', `You already have as many runs queued or running as allowed. ${again}`)
    case 'overloaded':
      return message('LiveCode is busy', `Too many runs are waiting for a sandbox. ${NOTHING_DONE[action]} ${again}`)
    case 'unavailable':
      return message(
        'LiveCode is temporarily unavailable',
        `Its database or queue is not answering. ${NOTHING_DONE[action]} ${again}`,
      )
    case 'payload_too_large':
      return message(
        action === 'run' ? 'Too large to run' : 'Too large to save',
        `${capitalise(problem.message)}. Make the source code or the input smaller.`,
      )
    case 'execution_limit_reached':
      return message(
        'This session has used all its runs',
        'Start a new session to keep going: your code comes with you.',
        true,
      )
    case 'already_finished':
      return message('The run had already finished', 'There was nothing left to cancel.')
    case 'session_gone':
      return message('That session no longer exists', 'Sessions are deleted after a while; a new one was started.')
    case 'not_found':
      return message('Not found', `${capitalise(problem.message)}. Start a new session to keep going.`, true)
    case 'unauthorized':
      return message('An API key is needed', 'This LiveCode server only accepts requests with an API key.')
    case 'validation_error':
      return message('The request was refused', `${capitalise(problem.message)}.`)
    default:
      return message('Something went wrong', `The server failed (HTTP ${problem.status}). ${again}`)
  }
}

function capitalise(text: string): string {
  const trimmed = text.replace(/\.$/, '')
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
}
