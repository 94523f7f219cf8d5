// `make load`: many sessions asking for runs at once, against an API (real HTTP on loopback) and one worker
// started here; counts what happened to every request and every accepted run. Lost must be 0.
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { pino } from 'pino'
import { buildApp } from '../../src/api/app.ts'
import { loadConfig } from '../../src/config.ts'
import { createDatabase } from '../../src/db/connection.ts'
import { startWorker } from '../../src/worker/start-worker.ts'
import { formatMs, quantile } from './stats.ts'

function positive(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`)
  return value
}

const SESSIONS = positive('LOAD_SESSIONS', 50)
const RUNS_PER_SESSION = positive('LOAD_RUNS_PER_SESSION', 20)
const CONCURRENCY = positive('LOAD_CONCURRENCY', 100)
const DEADLINE_MS = positive('LOAD_DEADLINE_MS', 300_000)
const PROGRAM = 'print("hello")'

const config = loadConfig({
  ...process.env,
  QUEUE_NAME: `load-${randomBytes(4).toString('hex')}`,
  WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '2',
})
const logger = pino({ level: process.env.LOAD_LOG_LEVEL ?? 'silent' })
const worker = await startWorker(config, logger)
const app = await buildApp({ config, logger: false })
const address = await app.listen({ host: '127.0.0.1', port: 0 })
const db = createDatabase({ connectionString: config.DATABASE_URL, maxConnections: 2, logger })

console.log('LiveCode load: one API (HTTP on loopback) and one worker, in this process')
console.log(
  `  sessions ${SESSIONS} x runs per session ${RUNS_PER_SESSION} = ${SESSIONS * RUNS_PER_SESSION} run requests, ` +
    `${CONCURRENCY} in flight at most; program: ${PROGRAM}`,
)
console.log(
  `  limits: ${config.RUNS_PER_MINUTE} runs/minute and ${config.RUNS_PER_SESSION} runs per session; ` +
    `worker concurrency ${config.WORKER_CONCURRENCY}; queue ${config.QUEUE_NAME}`,
)

async function post(path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${address}${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, json: await response.json().catch(() => undefined) }
}

const sessions: string[] = []
for (let i = 0; i < SESSIONS; i++) {
  const created = await post('/code-sessions', { language: 'python', source_code: PROGRAM })
  if (created.status !== 201) throw new Error(`session not created: ${created.status}`)
  sessions.push(created.json.session_id)
}

// Every session's runs, interleaved, sent as fast as CONCURRENCY allows: nothing waits for the rate limit.
const requests = Array.from({ length: SESSIONS * RUNS_PER_SESSION }, (_, i) => sessions[i % SESSIONS] as string)
const accepted: string[] = []
const rejected = { 429: 0, 409: 0, 413: 0, other: 0 }
const otherStatuses = new Map<string, number>()
let next = 0
const sendStarted = performance.now()
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests.length) {
      const sessionId = requests[next++] as string
      const result = await post(`/code-sessions/${sessionId}/run`).catch((error: Error) => ({
        status: 0,
        json: { error: error.message },
      }))
      if (result.status === 202) accepted.push(result.json.execution_id)
      else if (result.status === 429 || result.status === 409 || result.status === 413) rejected[result.status]++
      else {
        rejected.other++
        const key = String(result.status)
        otherStatuses.set(key, (otherStatuses.get(key) ?? 0) + 1)
      }
    }
  }),
)
const sendMs = performance.now() - sendStarted

// Every accepted run must reach a terminal state within the deadline.
const deadline = Date.now() + DEADLINE_MS
const terminal = new Set(['COMPLETED', 'FAILED', 'TIMEOUT'])
let rows: { id: string; status: string; queued_at: Date; started_at: Date | null; finished_at: Date | null }[] = []
for (;;) {
  rows = []
  for (let i = 0; i < accepted.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('executions')
        .select(['id', 'status', 'queued_at', 'started_at', 'finished_at'])
        .where('id', 'in', accepted.slice(i, i + 500))
        .execute()),
    )
  }
  if (rows.length === accepted.length && rows.every((row) => terminal.has(row.status))) break
  if (Date.now() > deadline) break
  await sleep(250)
}
const drainMs = performance.now() - sendStarted

const byStatus = new Map<string, number>()
for (const row of rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1)
const finished = rows.filter((row) => terminal.has(row.status))
const lost = accepted.length - finished.length
const queueWait = finished
  .filter((row) => row.started_at)
  .map((row) => (row.started_at as Date).getTime() - row.queued_at.getTime())
const endToEnd = finished
  .filter((row) => row.finished_at)
  .map((row) => (row.finished_at as Date).getTime() - row.queued_at.getTime())

console.log(`  requests sent in ${formatMs(sendMs)}; every accepted run settled ${formatMs(drainMs)} after the first`)
console.log(`accepted: ${accepted.length}`)
console.log(
  `rejected: 429 rate_limited ${rejected[429]}, 409 execution_limit_reached ${rejected[409]}, ` +
    `413 payload_too_large ${rejected[413]}, other ${rejected.other}` +
    (otherStatuses.size > 0 ? ` (${[...otherStatuses].map(([s, n]) => `${s}: ${n}`).join(', ')})` : ''),
)
console.log(
  `terminal: ${[...byStatus]
    .filter(([status]) => terminal.has(status))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')}`,
)
console.log(`lost (accepted, not terminal within ${DEADLINE_MS} ms): ${lost}`)
console.log(
  `queue wait (started_at - queued_at): p50 ${formatMs(quantile(queueWait, 0.5))}, p95 ${formatMs(quantile(queueWait, 0.95))}`,
)
console.log(
  `end to end (finished_at - queued_at): p50 ${formatMs(quantile(endToEnd, 0.5))}, p95 ${formatMs(quantile(endToEnd, 0.95))}`,
)

await app.close()
await worker.close()
await db.destroy()
process.exit(lost === 0 ? 0 : 1)
