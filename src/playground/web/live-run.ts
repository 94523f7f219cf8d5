// Follows one execution: the live event stream (GET /executions/{id}/events) while it answers, else
// polling GET /executions/{id}?wait= until the run ends. EventSource resumes a dropped stream by itself
// (Last-Event-ID); only a stream that cannot be had at all falls back to polling.
import { api, eventsUrl } from './api.ts'
import { type Execution, type ExecutionStatus, isTerminal, type TestResult } from './contract.ts'
import type { ApiProblem } from './problems.ts'

export interface RunListener {
  onStatus(status: ExecutionStatus): void
  /** stdin: what an interactive run was sent, echoed in the conversation. */
  onOutput(stream: 'stdout' | 'stderr' | 'stdin', text: string): void
  /** A judged run's case, as soon as its verdict is decided. */
  onCase(result: TestResult): void
  /** The run ended; `execution` is the stored truth, whatever came through onOutput before. */
  onDone(execution: Execution): void
  /** A poll failed; polling goes on (the run is not lost), this only explains the wait. */
  onTrouble(problem: ApiProblem): void
}

const MAX_STREAM_ERRORS = 3
const POLL_WAIT_SECONDS = 20
const MIN_POLL_GAP_MS = 500

export function followExecution(executionId: string, listener: RunListener): { stop(): void } {
  let stopped = false
  const source = new EventSource(eventsUrl(executionId))
  let errors = 0
  const parse = (event: Event) => JSON.parse((event as MessageEvent<string>).data)

  source.addEventListener('status', (event) => {
    errors = 0
    listener.onStatus(parse(event).status)
  })
  for (const stream of ['stdout', 'stderr', 'stdin'] as const) {
    source.addEventListener(stream, (event) => {
      errors = 0
      listener.onOutput(stream, parse(event).data)
    })
  }
  source.addEventListener('case', (event) => {
    errors = 0
    listener.onCase(parse(event))
  })
  source.addEventListener('done', (event) => {
    source.close()
    if (!stopped) listener.onDone(parse(event))
    stopped = true
  })
  source.addEventListener('error', () => {
    errors += 1
    if (source.readyState === EventSource.CLOSED || errors >= MAX_STREAM_ERRORS) {
      source.close()
      void poll()
    }
  })

  async function poll(): Promise<void> {
    let backoffMs = 1000
    while (!stopped) {
      const started = Date.now()
      try {
        const execution = await api.getExecution(executionId, POLL_WAIT_SECONDS)
        backoffMs = 1000
        if (stopped) return
        if (isTerminal(execution.status)) {
          stopped = true
          listener.onDone(execution)
          return
        }
        listener.onStatus(execution.status)
      } catch (error) {
        listener.onTrouble(error as ApiProblem)
        await sleep(backoffMs)
        backoffMs = Math.min(backoffMs * 2, 10_000)
      }
      await sleep(MIN_POLL_GAP_MS - (Date.now() - started))
    }
  }

  return {
    stop() {
      stopped = true
      source.close()
    },
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
