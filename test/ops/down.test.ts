// `make down` (src/ops/down.sh) stops a `make up` that is still running: its API and worker drain, and it says so.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort } from '../helpers/servers.ts'
import { waitFor } from '../helpers/wait.ts'

const ROOT = new URL('../..', import.meta.url).pathname

t.test('make down stops a running make up, which drains; the services it did not start are left alone', async (t) => {
  const state = mkdtempSync(join(tmpdir(), 'livecode-down-'))
  t.teardown(() => rmSync(state, { recursive: true, force: true }))
  const { url } = await createTestDatabase(t)
  const port = await freePort()
  const env = { ...process.env, LIVECODE_STATE_DIR: state, LIVECODE_LOG_DIR: join(state, 'log') }
  const up = spawn('bash', ['src/ops/up.sh'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...env,
      DATABASE_URL: url,
      QUEUE_NAME: uniqueQueueName('down'),
      HOST: '127.0.0.1',
      PORT: String(port),
      WORKER_HEALTH_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
  })
  const log: string[] = []
  up.stderr?.setEncoding('utf8').on('data', (text: string) => log.push(...text.split('\n').filter(Boolean)))
  const exited = new Promise<number | null>((resolve) => up.once('exit', (code) => resolve(code)))
  t.teardown(() => {
    if (up.exitCode === null && up.pid) process.kill(-up.pid, 'SIGKILL')
  })
  await waitFor(
    'the listening line',
    () => log.some((line) => line.includes(`listening on http://127.0.0.1:${port}`)),
    120_000,
  )
  t.equal(readFileSync(join(state, 'up.pid'), 'utf8').trim(), String(up.pid), 'make up left its pid for make down')

  // Not spawnSync: the test's event loop must stay free to reap make up when it ends.
  const down = await promisify(execFile)('src/ops/down.sh', { cwd: ROOT, encoding: 'utf8', env })
  t.match(down.stdout, `stopped make up: its API and worker, drained (pid ${up.pid})`)
  t.match(down.stdout, /left alone: no Docker engine that make up started is running/, 'the shared engine stays')
  t.match(down.stdout, /left alone: no Redis that make up started is running/)
  t.match(down.stdout, /left alone: no PostgreSQL that make up started/)
  t.equal(await Promise.race([exited, sleep(5_000).then(() => 'still running')]), 0, 'make up ended with 0')
  t.notOk(existsSync(join(state, 'up.pid')))
})
