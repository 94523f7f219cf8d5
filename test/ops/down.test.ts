// `make down` (src/ops/down.sh) stops a `make up` that is still running: its API and worker drain, and it says so.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import t from 'tap'
import { createTestDatabase } from '../helpers/database.ts'
import { startMakeUp } from '../helpers/make-up.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort } from '../helpers/servers.ts'

const ROOT = new URL('../..', import.meta.url).pathname

t.test('make down stops a running make up, which drains; the services it did not start are left alone', async (t) => {
  const { url } = await createTestDatabase(t)
  const port = await freePort()
  const up = await startMakeUp(t, {
    DATABASE_URL: url,
    QUEUE_NAME: uniqueQueueName('down'),
    PORT: String(port),
  })
  await up.listening(`http://127.0.0.1:${port}`)
  const { state } = up
  const env = { ...process.env, LIVECODE_STATE_DIR: state, LIVECODE_LOG_DIR: join(state, 'log') }
  t.equal(
    readFileSync(join(state, 'up.pid'), 'utf8').trim(),
    String(up.child.pid),
    'make up left its pid for make down',
  )

  // Not spawnSync: the test's event loop must stay free to reap make up when it ends.
  const down = await promisify(execFile)('src/ops/down.sh', { cwd: ROOT, encoding: 'utf8', env })
  t.match(down.stdout, `stopped make up: its API and worker, drained (pid ${up.child.pid})`)
  t.match(down.stdout, /left alone: no Docker engine that make up started is running/, 'the shared engine stays')
  t.match(down.stdout, /left alone: no Redis that make up started is running/)
  t.match(down.stdout, /left alone: no PostgreSQL that make up started/)
  t.equal(await Promise.race([up.exited, sleep(5_000).then(() => 'still running')]), 0, 'make up ended with 0')
  t.notOk(existsSync(join(state, 'up.pid')))
})
