import createFetchClient from 'openapi-fetch'
import { errorFromResponse } from './errors.ts'
import type { paths } from './generated/api.ts'
import { type RetryPolicy, retryingFetch } from './retrying-fetch.ts'
import { parseEventStream } from './sse.ts'
import type {
  Deliveries,
  Execution,
  ExecutionList,
  InputAccepted,
  Language,
  NewSession,
  RunAccepted,
  RunOptions,
  Session,
  SessionChanges,
  TestResult,
} from './types.ts'

export interface LiveCodeClientOptions {
  /** Where the API is, e.g. http://127.0.0.1:3000 */
  baseUrl: string
  /** Sent as `Authorization: Bearer <key>` (servers with API_KEYS_REQUIRED need one). */
  apiKey?: string | undefined
  /** Retries of 429 and 503 answers after Retry-After; none unless given. */
  retry?: RetryPolicy
  /** A fetch of your own (tests, proxies); the global one by default. */
  fetch?: typeof fetch
}

/** A run's live event, typed by its name; `done` carries the finished execution, and ends the stream. */
export type RunEvent =
  | { id: string | undefined; event: 'status'; data: { status: Execution['status'] } }
  | { id: string | undefined; event: 'stdout' | 'stderr' | 'stdin'; data: { data: string } }
  | { id: string | undefined; event: 'case'; data: TestResult }
  | { id: string | undefined; event: 'done'; data: Execution }

export interface EventsOptions {
  /** Resume after this event id (what a previous stream's last event carried). */
  lastEventId?: string
  /** How many times a dropped connection is resumed (with Last-Event-ID) before the error is thrown; default 5. */
  reconnects?: number
  signal?: AbortSignal
}

export interface WaitOptions {
  /** Give up (returning the execution as it is) after this many seconds; default: wait until it ends. */
  timeoutSeconds?: number
  /** The longest single long poll (?wait=); the API's cap is WAIT_MAX_SECONDS (30 by default). */
  pollSeconds?: number
  signal?: AbortSignal
}

const TERMINAL = new Set<Execution['status']>(['COMPLETED', 'FAILED', 'TIMEOUT'])

export function isTerminal(execution: Pick<Execution, 'status'>): boolean {
  return TERMINAL.has(execution.status)
}

/** The typed client of one LiveCode API. Every method throws LiveCodeError for the API's error answers. */
export function createLiveCodeClient(options: LiveCodeClientOptions) {
  const baseFetch = options.fetch ?? fetch
  const api = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
    fetch: options.retry ? retryingFetch(options.retry, baseFetch) : (request: Request) => baseFetch(request),
  })

  /** The data of a successful answer, or the API's error thrown. */
  function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
    if (result.error !== undefined || !result.response.ok) throw errorFromResponse(result.response, result.error)
    return result.data as T
  }

  const client = {
    /** The raw openapi-fetch client, for routes this wrapper does not name. */
    api,

    async createSession(session: NewSession): Promise<Session> {
      return ok(await api.POST('/code-sessions', { body: session }))
    },

    async getSession(sessionId: string): Promise<Session> {
      return ok(await api.GET('/code-sessions/{session_id}', { params: { path: { session_id: sessionId } } }))
    },

    /** Autosave: any of language, source_code, stdin. */
    async updateSession(sessionId: string, changes: SessionChanges): Promise<Session> {
      return ok(
        await api.PATCH('/code-sessions/{session_id}', { params: { path: { session_id: sessionId } }, body: changes }),
      )
    },

    /**
     * Runs the session as it is now. An Idempotency-Key is sent (yours, or a new one), so that a retry after a
     * lost answer runs nothing twice.
     */
    async run(
      sessionId: string,
      runOptions: RunOptions = {},
      idempotencyKey = crypto.randomUUID(),
    ): Promise<RunAccepted> {
      return ok(
        await api.POST('/code-sessions/{session_id}/run', {
          params: { path: { session_id: sessionId }, header: { 'idempotency-key': idempotencyKey } },
          body: runOptions,
        }),
      )
    },

    async getExecution(executionId: string): Promise<Execution> {
      return ok(await api.GET('/executions/{execution_id}', { params: { path: { execution_id: executionId } } }))
    },

    async listExecutions(sessionId: string, query: { limit?: number; cursor?: string } = {}): Promise<ExecutionList> {
      return ok(
        await api.GET('/code-sessions/{session_id}/executions', {
          params: { path: { session_id: sessionId }, query },
        }),
      )
    },

    /** Long-polls (?wait=) until the run has ended, or `timeoutSeconds` have passed; returns the execution. */
    async wait(executionId: string, waitOptions: WaitOptions = {}): Promise<Execution> {
      const pollSeconds = waitOptions.pollSeconds ?? 30
      const deadline =
        waitOptions.timeoutSeconds === undefined ? Infinity : Date.now() + waitOptions.timeoutSeconds * 1000
      for (;;) {
        const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
        const execution = ok(
          await api.GET('/executions/{execution_id}', {
            params: { path: { execution_id: executionId }, query: { wait: Math.min(pollSeconds, left) } },
            ...(waitOptions.signal ? { signal: waitOptions.signal } : {}),
          }),
        )
        if (isTerminal(execution) || Date.now() >= deadline) return execution
      }
    },

    /** Cancels a run (it ends FAILED/cancelled); the execution as it is after the cancel. */
    async cancel(executionId: string): Promise<Execution> {
      return ok(
        await api.POST('/executions/{execution_id}/cancel', { params: { path: { execution_id: executionId } } }),
      )
    },

    /**
     * Appends to the stdin of an interactive run (started with `{interactive: true}`) while it runs; `eof: true`
     * closes it. 409 `not_running` once it has ended.
     */
    async input(executionId: string, data: string, options: { eof?: boolean } = {}): Promise<InputAccepted> {
      return ok(
        await api.POST('/executions/{execution_id}/input', {
          params: { path: { execution_id: executionId } },
          body: { data, ...(options.eof === undefined ? {} : { eof: options.eof }) },
        }),
      )
    },

    /** Every try at the run's callback_url. */
    async deliveries(executionId: string): Promise<Deliveries> {
      return ok(
        await api.GET('/executions/{execution_id}/deliveries', { params: { path: { execution_id: executionId } } }),
      )
    },

    async languages(): Promise<Language[]> {
      return ok(await api.GET('/languages'))
    },

    /**
     * The run's live events, from the start (or after `lastEventId`), until `done`. A dropped connection is
     * resumed where it stopped, with Last-Event-ID, so no output is lost or repeated. As the API does, a stream
     * opens with the run's current status, and a run that has ended gives its status and `done` at once.
     */
    async *events(executionId: string, eventsOptions: EventsOptions = {}): AsyncGenerator<RunEvent> {
      let lastEventId = eventsOptions.lastEventId
      let reconnectsLeft = eventsOptions.reconnects ?? 5
      // Every connection opens with the current status; after a reconnection it is news only if it changed.
      let lastStatus: Execution['status'] | undefined
      for (let connection = 0; ; connection++) {
        try {
          const result = await api.GET('/executions/{execution_id}/events', {
            params: {
              path: { execution_id: executionId },
              header: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
            },
            parseAs: 'stream',
            ...(eventsOptions.signal ? { signal: eventsOptions.signal } : {}),
          })
          if (!result.response.ok || !result.data) {
            const body = await result.response.json().catch(() => undefined)
            throw errorFromResponse(result.response, body)
          }
          for await (const raw of parseEventStream(result.data)) {
            if (raw.id !== undefined) lastEventId = raw.id
            const event = { id: raw.id, event: raw.event, data: JSON.parse(raw.data) } as RunEvent
            if (event.event === 'status') {
              if (connection > 0 && event.data.status === lastStatus) continue
              lastStatus = event.data.status
            }
            yield event
            if (event.event === 'done') return
          }
          throw new Error('the event stream ended before its done event')
        } catch (error) {
          if (error instanceof Error && error.name === 'LiveCodeError') throw error
          if (eventsOptions.signal?.aborted || reconnectsLeft-- <= 0) throw error
          await new Promise((resolve) => setTimeout(resolve, 250))
        }
      }
    },
  }
  return client
}

export type LiveCodeClient = ReturnType<typeof createLiveCodeClient>
