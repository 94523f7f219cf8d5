// `make bench`: the latency of a Python hello from POST /run to a terminal state, sequential and
// concurrent, on this machine's real PostgreSQL, Redis and Docker; and the memory the processes hold.
import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import { buildApp } from '../../src/api/app.ts'
import { loadConfig } from '../../src/config.ts'
import { startWorker } from '../../src/worker/start-worker.ts'
import { formatMs, quantile } from './stats.ts'

const SEQUENTIAL_RUNS = Number(process.env.BENCH_RUNS ?? 20)
const CONCURRENT_RUNS = Number(process.env.BENCH_CONCURRENT_RUNS ?? 20)

const config = loadConfig({ ...process.env, QUEUE_NAME: `bench-${randomBytes(4).toString('hex')}`, PORT: '0' })
const logger = pino({ level: 'silent' })
const worker = await startWorker(config, logger)
const app = await buildApp({ config, logger: false })
const address = await app.listen({ host: '127.0.0.1', port: 0 })

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${address}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return response.json()
}

/** Milliseconds from the run request to the first poll that sees a terminal state. */
async function timeOneRun(): Promise<number> {
  const session = await call('POST', '/code-sessions', { language: 'python', source_code: 'print("hello")' })
  const started = performance.now()
  const run = await call('POST', `/code-sessions/${session.session_id}/run`)
  for (;;) {
    const execution = await call('GET', `/executions/${run.execution_id}`)
    if (['COMPLETED', 'FAILED', 'TIMEOUT'].includes(execution.status)) {
      if (execution.status !== 'COMPLETED') throw new Error(`hello ended ${execution.status}: ${execution.stderr}`)
      return performance.now() - started
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

await timeOneRun() // warm-up: first container start loads the image's layers into the page cache
const sequential: number[] = []
for (let i = 0; i < SEQUENTIAL_RUNS; i++) sequential.push(await timeOneRun())

const wallStart = performance.now()
const concurrent = await Promise.all(Array.from({ length: CONCURRENT_RUNS }, () => timeOneRun()))
const wall = performance.now() - wallStart

console.log(`Python hello, POST /run to terminal state (worker concurrency ${config.WORKER_CONCURRENCY})`)
console.log(
  `  sequential x${SEQUENTIAL_RUNS}: median ${formatMs(quantile(sequential, 0.5))}, p95 ${formatMs(quantile(sequential, 0.95))}`,
)
console.log(
  `  concurrent x${CONCURRENT_RUNS}: median ${formatMs(quantile(concurrent, 0.5))}, p95 ${formatMs(quantile(concurrent, 0.95))}, ` +
    `${(CONCURRENT_RUNS / (wall / 1000)).toFixed(1)} runs/s`,
)
console.log(`  API + worker process RSS: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`)

await app.close()
await worker.close()
