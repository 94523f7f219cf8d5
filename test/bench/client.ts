// A LiveCode client over real HTTP: sessions, runs, and the two ways to learn a run's outcome.
import { Agent, request } from 'node:http'
import type { LanguageId } from '../../src/languages.ts'
import { assertHello } from './programs.ts'

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'TIMEOUT'])
/** How often the polling client asks, the baseline of `?wait=`. */
export const POLL_EVERY_MS = 5
const WAIT_SECONDS = 30

/** `poll`: GET every 5 ms; `wait`: GET ?wait=N, answered when the run ends (when the API supports it). */
export type WaitMode = 'poll' | 'wait'

export class Client {
  readonly url: string
  // node:http rather than fetch: the bench shares the cores it measures, and fetch (undici) spends two to three
  // times node:http's CPU per request. Connections are kept alive and unbounded in number, as fetch's pool does.
  readonly #agent = new Agent({ keepAlive: true })
  constructor(url: string) {
    this.url = url
  }

  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const headers = payload === undefined ? {} : { 'content-type': 'application/json' }
    return new Promise((resolve, reject) => {
      const sent = request(`${this.url}${path}`, { method, headers, agent: this.#agent }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: parsedOrUndefined(text) }))
        response.on('error', reject)
      })
      sent.on('error', reject)
      sent.end(payload)
    })
  }

  async session(language: LanguageId, sourceCode: string): Promise<string> {
    const { status, json } = await this.call('POST', '/code-sessions', { language, source_code: sourceCode })
    if (status !== 201) throw new Error(`session not created: ${status} ${JSON.stringify(json)}`)
    return json.session_id
  }

  async run(sessionId: string): Promise<string> {
    const { status, json } = await this.call('POST', `/code-sessions/${sessionId}/run`)
    if (status !== 202) throw new Error(`run not accepted: ${status} ${JSON.stringify(json)}`)
    return json.execution_id
  }

  async outcome(executionId: string, mode: WaitMode): Promise<any> {
    for (;;) {
      const query = mode === 'wait' ? `?wait=${WAIT_SECONDS}` : ''
      const { status, json } = await this.call('GET', `/executions/${executionId}${query}`)
      if (status !== 200) throw new Error(`GET /executions/${executionId}: ${status} ${JSON.stringify(json)}`)
      if (TERMINAL.has(json.status)) return json
      if (mode === 'poll') await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS))
    }
  }

  /** Whether GET /executions/{id} takes `?wait=` (read from the OpenAPI document, so nothing is guessed). */
  async supportsWait(): Promise<boolean> {
    const { json } = await this.call('GET', '/openapi.json')
    const parameters: { name: string }[] = json?.paths?.['/executions/{execution_id}']?.get?.parameters ?? []
    return parameters.some((parameter) => parameter.name === 'wait')
  }

  async supportsEvents(): Promise<boolean> {
    const { json } = await this.call('GET', '/openapi.json')
    return json?.paths?.['/executions/{execution_id}/events'] !== undefined
  }
}

/** The body as JSON; undefined when it is empty or not JSON, so that callers report the status instead. */
function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Runs sessions of one program, opening a new session before the per-session cap is reached. */
export class SessionPool {
  #client: Client
  #language: LanguageId
  #source: string
  #current: Promise<string> | undefined
  #used = 0
  #perSession: number

  constructor(client: Client, language: LanguageId, source: string, perSession: number) {
    this.#client = client
    this.#language = language
    this.#source = source
    this.#perSession = perSession
  }

  /** A session with room for one more run. */
  next(): Promise<string> {
    if (this.#current === undefined || this.#used >= this.#perSession) {
      this.#current = this.#client.session(this.#language, this.#source)
      this.#used = 0
    }
    this.#used++
    return this.#current
  }
}

/** Milliseconds from POST /run to the client knowing the terminal state; the run must print hello. */
export async function timeHello(client: Client, sessions: SessionPool, mode: WaitMode): Promise<number> {
  return (await timeHelloRun(client, sessions, mode)).elapsed
}

/** timeHello, with the run's own duration_ms: in the sandbox, from its source arriving to its end (compile included). */
export async function timeHelloRun(
  client: Client,
  sessions: SessionPool,
  mode: WaitMode,
): Promise<{ elapsed: number; durationMs: number }> {
  const sessionId = await sessions.next()
  const started = performance.now()
  const executionId = await client.run(sessionId)
  const execution = await client.outcome(executionId, mode)
  const elapsed = performance.now() - started
  if (execution.status !== 'COMPLETED')
    throw new Error(`hello ended ${execution.status}/${execution.failure_reason}: ${execution.stderr}`)
  assertHello(execution.stdout, `LiveCode's hello ${executionId}`)
  return { elapsed, durationMs: execution.duration_ms }
}
