// The page's HTTP client: same origin, JSON in and out, every failure an ApiProblem.
import type { Execution, ExecutionList, Language, LanguageId, RunAccepted, RunTestCase, Session } from './contract.ts'
import { ApiProblem, parseRetryAfter } from './problems.ts'

// Browsers refuse keep-alive requests over 64 KiB; under that, a save survives the page closing.
const KEEPALIVE_LIMIT = 60_000

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response
  const payload = body === undefined ? undefined : JSON.stringify(body)
  try {
    response = await fetch(path, {
      method,
      headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: payload,
      keepalive: method === 'PATCH' && payload !== undefined && payload.length < KEEPALIVE_LIMIT,
    })
  } catch (error) {
    throw new ApiProblem(0, 'network', error instanceof Error ? error.message : String(error))
  }
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error
    throw new ApiProblem(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
      parseRetryAfter(response.headers.get('retry-after')),
    )
  }
  return parsed as T
}

export const api = {
  languages: () => call<Language[]>('GET', '/languages'),
  createSession: (body: { language: LanguageId; source_code: string; stdin: string }) =>
    call<Session>('POST', '/code-sessions', body),
  getSession: (id: string) => call<Session>('GET', `/code-sessions/${encodeURIComponent(id)}`),
  updateSession: (id: string, changes: Partial<Pick<Session, 'language' | 'source_code' | 'stdin'>>) =>
    call<Session>('PATCH', `/code-sessions/${encodeURIComponent(id)}`, changes),
  /** The key makes a retried click harmless: the API answers a repeated key with the first run. */
  /** With test cases, the run is judged against them; interactive, its stdin stays open for `input`. */
  run: (id: string, idempotencyKey: string, options: { testCases?: RunTestCase[]; interactive?: boolean } = {}) =>
    call<RunAccepted>(
      'POST',
      `/code-sessions/${encodeURIComponent(id)}/run`,
      options.testCases?.length
        ? { test_cases: options.testCases }
        : options.interactive
          ? { interactive: true }
          : undefined,
      { 'idempotency-key': idempotencyKey },
    ),
  input: (executionId: string, data: string, eof = false) =>
    call<{ input_bytes: number; eof: boolean }>('POST', `/executions/${encodeURIComponent(executionId)}/input`, {
      data,
      eof,
    }),
  listExecutions: (id: string, limit = 20) =>
    call<ExecutionList>('GET', `/code-sessions/${encodeURIComponent(id)}/executions?limit=${limit}`),
  getExecution: (id: string, waitSeconds = 0) =>
    call<Execution>('GET', `/executions/${encodeURIComponent(id)}${waitSeconds > 0 ? `?wait=${waitSeconds}` : ''}`),
  cancel: (id: string) => call<Execution>('POST', `/executions/${encodeURIComponent(id)}/cancel`),
}

export function eventsUrl(executionId: string): string {
  return `/executions/${encodeURIComponent(executionId)}/events`
}
