// `make up`'s supervisor (src/ops/up.sh) with a real API and worker: the worker SIGKILLed mid-run is logged and
// started again while the API keeps answering, the new worker finishes the run, and Ctrl-C stops everything.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { fetchExecution, startMakeUp, submitRun } from '../helpers/make-up.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort } from '../helpers/servers.ts'

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

t.test('a worker killed mid-run is restarted; the API keeps answering; the new worker finishes the run', async (t) => {
  const { url } = await createTestDatabase(t)
  const port = await freePort()
  const api = `http://127.0.0.1:${port}`
  const supervisor = await startMakeUp(t, {
    DATABASE_URL: url,
    QUEUE_NAME: uniqueQueueName('up'),
    PORT: String(port),
    // The dead worker's run goes to the next worker after lock + stalled check: about 4 s.
    LOCK_DURATION_MS: '2000',
  })
  await supervisor.listening(api)

  const executionId = await submitRun(api, 'python', 'import time\ntime.sleep(2)\nprint("done")')
  const execution = () => fetchExecution(api, executionId)
  await until('the run to start', async () => ((await execution()).status === 'RUNNING' ? true : undefined))

  const first = supervisor.lastPid('worker')
  t.ok(first, 'the supervisor said which pid the worker has')
  process.kill(first as number, 'SIGKILL')
  const restartLine = await until('the restart to be logged', () =>
    supervisor.log.find((line) => line.startsWith('>>> worker exited unexpectedly')),
  )
  t.match(restartLine, /status 137, after \d+ s\); restarting it in 1 s$/)
  const health = await fetch(`${api}/health`)
  t.equal(health.status, 200, 'the API answers while the worker is down')
  t.match(await execution(), { status: 'RUNNING' }, 'and serves the run’s state')

  const second = await until('a new worker', () => {
    const pid = supervisor.lastPid('worker')
    return pid !== first ? pid : undefined
  })
  t.not(second, first)
  const finished = await until('the run to finish', async () => {
    const current = await execution()
    return ['COMPLETED', 'FAILED', 'TIMEOUT'].includes(current.status) ? current : undefined
  })
  t.match(finished, { status: 'COMPLETED', stdout: 'done\n' }, 'the new worker ran it to the end')
  t.notOk(
    supervisor.log.some((line) => line.startsWith('>>> api exited')),
    'the API was never restarted',
  )

  // Ctrl-C: the whole group gets SIGINT; both drain and the supervisor ends with 0.
  process.kill(-(supervisor.child.pid as number), 'SIGINT')
  const code = await Promise.race([supervisor.exited, sleep(40_000).then(() => 'still running')])
  t.equal(code, 0, 'Ctrl-C stops everything')
  t.ok(
    supervisor.log.includes(
      '>>> API and worker stopped; the Docker engine, PostgreSQL and Redis keep running (make down stops those make up started)',
    ),
    'and says what keeps running',
  )
  for (const pid of [supervisor.lastPid('api'), second])
    t.throws(() => process.kill(pid as number, 0), { code: 'ESRCH' }, `process ${pid} is gone`)
})

t.test('a process that cannot stay up stops the supervisor instead of looping', async (t) => {
  const supervisor = await startMakeUp(t, {
    PORT: 'not-a-port',
  })
  const code = await Promise.race([supervisor.exited, sleep(120_000).then(() => 'still running')])
  t.equal(code, 1, 'the failing process’s status')
  t.ok(
    supervisor.log.some((line) =>
      /^>>> (api|worker) exited with status 1 five times in a row, each within 30 s of starting/.test(line),
    ),
    'and says why',
  )
})
