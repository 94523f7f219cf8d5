// Under `make up` (src/ops/up.sh) the worker serves its metrics (9464 unless WORKER_HEALTH_PORT is set), and every
// metric the Grafana dashboard (docs/grafana-dashboard.json) queries is one the real API and worker serve.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { fetchExecution, startMakeUp, submitRun } from '../helpers/make-up.ts'
import { sampleValue } from '../helpers/metrics.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort } from '../helpers/servers.ts'
import { waitFor } from '../helpers/wait.ts'

const MAKE_UP_WORKER_PORT = 9464
const dashboard = JSON.parse(readFileSync(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8'))

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })

/** Every name a scrape can give: each family's TYPE line, and a histogram's _bucket, _sum and _count. */
function servedNames(text: string): Set<string> {
  const names = new Set<string>()
  for (const [, name = '', type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name)
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`)
  }
  return names
}

/** The metric names in every query of every panel of the dashboard. */
function dashboardNames(): Set<string> {
  const exprs: string[] = dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) =>
    panel.targets.map((target) => target.expr),
  )
  return new Set(exprs.flatMap((expr) => expr.match(/\blivecode_\w+/g) ?? []))
}

t.test('make up’s worker serves its metrics; the dashboard queries only names the processes serve', async (t) => {
  const { url } = await createTestDatabase(t)
  const port = await freePort()
  // make up's own default when nothing else on this machine holds it (a make up of someone else's may).
  const workerPort = (await portFree(MAKE_UP_WORKER_PORT)) ? MAKE_UP_WORKER_PORT : await freePort()
  if (workerPort !== MAKE_UP_WORKER_PORT)
    t.comment(`${MAKE_UP_WORKER_PORT} is taken here: WORKER_HEALTH_PORT=${workerPort}`)
  const up = await startMakeUp(t, {
    DATABASE_URL: url,
    QUEUE_NAME: uniqueQueueName('up-metrics'),
    HOST: '',
    PORT: String(port),
    // Empty: up.sh's own default.
    WORKER_HEALTH_PORT: workerPort === MAKE_UP_WORKER_PORT ? '' : String(workerPort),
  })
  const api = `http://127.0.0.1:${port}`
  await up.listening(api)
  const metricsUrl = `http://127.0.0.1:${workerPort}/metrics`
  t.ok(up.log.includes(`>>> worker metrics and health on ${metricsUrl}`), 'make up says where the worker’s metrics are')

  // One run, so that the worker's counters have a value to show.
  const executionId = await submitRun(api, 'python', 'print(1)')
  t.match(await fetchExecution(api, executionId, '?wait=30'), { status: 'COMPLETED' })

  const workerText = await waitFor(
    'the worker’s metrics',
    async () => {
      const response = await fetch(metricsUrl)
      return response.ok ? response.text() : undefined
    },
    30_000,
  )
  const finished = { language: 'python', status: 'COMPLETED', failure_reason: 'none' }
  t.equal(sampleValue(workerText, 'livecode_executions_finished_total', finished), 1, 'the run is counted')
  t.equal(sampleValue(workerText, 'livecode_queue_wait_seconds_count', { language: 'python' }), 1)
  t.equal((await fetch(`http://127.0.0.1:${workerPort}/ready`)).status, 200, 'and its readiness is there too')

  const apiText = await (await fetch(`${api}/metrics`)).text()
  const served = new Set([...servedNames(workerText), ...servedNames(apiText)])
  const queried = dashboardNames()
  for (const name of [
    'livecode_executions_finished_total',
    'livecode_queue_wait_seconds_bucket',
    'livecode_warm_pool_takes_total',
    'livecode_sandbox_start_failures_total',
  ])
    t.ok(queried.has(name), `the dashboard shows ${name}`)
  for (const name of queried) t.ok(served.has(name), `${name} is served`)

  // Ctrl-C, so that the worker removes its warm containers from the shared engine as it stops.
  process.kill(-(up.child.pid as number), 'SIGINT')
  t.equal(await up.exited, 0)
})
