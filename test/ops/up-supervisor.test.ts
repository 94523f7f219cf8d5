// `make up`'s supervisor (src/ops/up.sh) with a real API and worker: the worker SIGKILLed mid-run is logged and
// started again while the API keeps answering, the new worker finishes the run, and Ctrl-C stops everything.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort } from '../helpers/servers.ts'

const ROOT = new URL('../..', import.meta.url).pathname

interface Supervisor {
  child: ChildProcess
  log: string[]
  exited: Promise<number | null>
}

function startSupervisor(t: Test, env: Record<string, string>): Supervisor {
  // Its own process group, as in a terminal: Ctrl-C reaches the supervisor and both processes at once.
  // Its own state folder: make up's pid file must not land where the machine's `make down` looks.
  const state = mkdtempSync(join(tmpdir(), 'livecode-up-'))
  t.teardown(() => rmSync(state, { recursive: true, force: true }))
  const child = spawn('bash', ['src/ops/up.sh'], {
    cwd: ROOT,
    env: { ...process.env, LIVECODE_STATE_DIR: state, ...env },
    detached: true,
  })
  const log: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (text: string) => log.push(...text.split('\n').filter(Boolean)))
  child.stdout?.resume()
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  t.teardown(() => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
  })
  return { child, log, exited }
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

/** The pid of the most recent start of a process, from the supervisor's own lines. */
function lastPid(log: string[], name: string): number | undefined {
  const starts = log.map((line) => new RegExp(`^>>> ${name} started \\(pid (\\d+)\\)$`).exec(line)).filter(Boolean)
  const last = starts.at(-1)
  return last ? Number(last[1]) : undefined
}

t.test('a worker killed mid-run is restarted; the API keeps answering; the new worker finishes the run', async (t) => {
  const { url } = await createTestDatabase(t)
  const port = await freePort()
  const api = `http://127.0.0.1:${port}`
  const supervisor = startSupervisor(t, {
    DATABASE_URL: url,
    QUEUE_NAME: uniqueQueueName('up'),
    HOST: '127.0.0.1',
    PORT: String(port),
    WORKER_HEALTH_PORT: String(await freePort()),
    // The dead worker's run goes to the next worker after lock + stalled check: about 4 s.
    LOCK_DURATION_MS: '2000',
    LOG_LEVEL: 'warn',
  })
  await until('the listening line', () => supervisor.log.find((line) => line.includes(`listening on ${api}`)))

  const json = async (path: string, init?: RequestInit): Promise<any> => (await fetch(`${api}${path}`, init)).json()
  const session = await json('/code-sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'python', source_code: 'import time\ntime.sleep(2)\nprint("done")' }),
  })
  const run = await json(`/code-sessions/${session.session_id}/run`, { method: 'POST' })
  const execution = () => json(`/executions/${run.execution_id}`)
  await until('the run to start', async () => ((await execution()).status === 'RUNNING' ? true : undefined))

  const first = lastPid(supervisor.log, 'worker')
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
    const pid = lastPid(supervisor.log, 'worker')
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
  for (const pid of [lastPid(supervisor.log, 'api'), second])
    t.throws(() => process.kill(pid as number, 0), { code: 'ESRCH' }, `process ${pid} is gone`)
})

t.test('a process that cannot stay up stops the supervisor instead of looping', async (t) => {
  const supervisor = startSupervisor(t, {
    PORT: 'not-a-port',
    WORKER_HEALTH_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
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
