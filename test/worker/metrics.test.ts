// A worker's /metrics (on its health port): runs finished by language, status and reason; run and queue-wait
// histograms; sandbox failures on the platform's side.
import t from 'tap'
import { sampleValue } from '../helpers/metrics.ts'
import { freePort } from '../helpers/servers.ts'
import { runProgram, startTestSystem } from '../helpers/system.ts'

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`)
  t.equal(response.status, 200)
  t.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/)
  return response.text()
}

t.test('finished runs by verdict, their durations and their waits in the queue', async (t) => {
  const port = await freePort()
  const system = await startTestSystem(t, { HOST: '127.0.0.1', WORKER_HEALTH_PORT: String(port) })
  const ok = await runProgram(system.app, 'python', 'print("hi")')
  const failed = await runProgram(system.app, 'python', 'import sys\nsys.exit(3)')
  t.match([ok.status, failed.failure_reason], ['COMPLETED', 'runtime_error'])

  const text = await scrape(port)
  const finished = (status: string, reason: string) =>
    sampleValue(text, 'livecode_executions_finished_total', { language: 'python', status, failure_reason: reason })
  t.equal(finished('COMPLETED', 'none'), 1)
  t.equal(finished('FAILED', 'runtime_error'), 1)
  t.equal(sampleValue(text, 'livecode_execution_duration_seconds_count', { language: 'python' }), 2)
  const seconds = sampleValue(text, 'livecode_execution_duration_seconds_sum', { language: 'python' }) ?? 0
  t.ok(Math.abs(seconds * 1000 - (ok.duration_ms + failed.duration_ms)) < 10, 'the runs’ own durations')
  t.equal(sampleValue(text, 'livecode_queue_wait_seconds_count', { language: 'python' }), 2)
  t.equal(sampleValue(text, 'livecode_sandbox_start_failures_total', { language: 'python' }), undefined)
  // The default warm pool (one container per language per run slot): each run was a hit or a miss.
  const [hits = 0, misses = 0] = ['hit', 'miss'].map(
    (result) => sampleValue(text, 'livecode_warm_pool_takes_total', { result }) ?? 0,
  )
  t.equal(hits + misses, 2, `each run asked the pool once (hits ${hits}, misses ${misses})`)
  t.ok((sampleValue(text, 'livecode_warm_pool_ready', { language: 'cpp' }) ?? -1) >= 0, 'the stock is reported')
})

t.test('a sandbox that cannot start is counted each time, and the run that gives up as internal_error', async (t) => {
  const port = await freePort()
  const system = await startTestSystem(t, {
    HOST: '127.0.0.1',
    WORKER_HEALTH_PORT: String(port),
    IMAGE_PREFIX: 'livecode-no-such-image',
    JOB_ATTEMPTS: '2',
    JOB_BACKOFF_MS: '100',
  })
  const execution = await runProgram(system.app, 'python', 'print("never")')
  t.match(execution, { status: 'FAILED', failure_reason: 'internal_error' })
  const text = await scrape(port)
  t.equal(sampleValue(text, 'livecode_sandbox_start_failures_total', { language: 'python' }), 2, 'both tries')
  t.equal(
    sampleValue(text, 'livecode_executions_finished_total', {
      language: 'python',
      status: 'FAILED',
      failure_reason: 'internal_error',
    }),
    1,
  )
  t.equal(sampleValue(text, 'livecode_execution_duration_seconds_count', { language: 'python' }), undefined)
})
