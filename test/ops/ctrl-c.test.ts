// Ctrl-C under `make up`: a start as make up's (src/ops/ensure-docker.sh starting a Docker engine of its own, then
// src/ops/up.sh) in one process group, as a terminal runs it, and SIGINT to that whole group, as Ctrl-C sends it.
// The engine is the test's own (its socket, data root, exec root, pid file), beside the machine's shared one.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import { imageName } from '../../src/languages.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { fetchExecution, startMakeUp, submitRun } from '../helpers/make-up.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { freePort } from '../helpers/servers.ts'
import { waitFor } from '../helpers/wait.ts'

const SHARED_ENGINE = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'
const API_DRAIN_MS = 30_000

/** Running: a process that has exited but waits for its parent to reap it (the machine's init may be slow) is not. */
const alive = (pid: number) => {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}
const answers = (host: string) => {
  try {
    execFileSync('docker', ['-H', host, 'version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Stops the test's engine (never the machine's) and removes its folder, mounts included. */
async function removeEngine(dir: string): Promise<void> {
  const pidFile = join(dir, 'log', 'dockerd.pid')
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0
  if (pid > 0 && alive(pid)) {
    process.kill(pid, 'SIGTERM')
    await waitFor('the test engine to stop', () => !alive(pid), 30_000).catch(() => process.kill(pid, 'SIGKILL'))
  }
  for (const line of readFileSync('/proc/mounts', 'utf8').split('\n').reverse()) {
    const mountPoint = line.split(' ')[1]
    if (mountPoint?.startsWith(dir)) execFileSync('umount', ['-l', mountPoint])
  }
  rmSync(dir, { recursive: true, force: true })
}

t.test('Ctrl-C stops the API and the worker, which drain; the engine make up started keeps running', async (t) => {
  const imagePrefix = loadConfig().IMAGE_PREFIX
  // Not under a long temporary path: a unix socket's path must stay short.
  const dir = mkdtempSync('/tmp/lc-up-')
  t.teardown(() => removeEngine(dir))
  mkdirSync(join(dir, 'log'))
  writeFileSync(join(dir, 'daemon.json'), '{}')
  const engine = `unix://${dir}/docker.sock`
  const { db, url } = await createTestDatabase(t)
  const port = await freePort()
  const api = `http://127.0.0.1:${port}`
  // Python's image alone (the run is Python; a missing language is only logged), and no warm pool to fill.
  const image = imageName(imagePrefix, 'python')

  // What make up does, in order, less the installs and the image builds: the images come from the shared engine.
  const upLike = `src/ops/ensure-docker.sh && docker -H ${SHARED_ENGINE} save ${image} | docker load --quiet >/dev/null && exec src/ops/up.sh`
  const group = await startMakeUp(
    t,
    {
      DOCKER_HOST: engine,
      LIVECODE_DOCKERD_ARGS: `-H ${engine} --data-root ${dir}/data --exec-root ${dir}/exec --pidfile ${dir}/docker.pid`,
      LIVECODE_DOCKERD_CONFIG: join(dir, 'daemon.json'),
      LIVECODE_LOG_DIR: join(dir, 'log'),
      CONTAINER_RUNTIME: 'runc',
      WARM_POOL_SIZE: '0',
      DATABASE_URL: url,
      QUEUE_NAME: uniqueQueueName('ctrl-c'),
      PORT: String(port),
    },
    upLike,
  )
  await group.listening(api, 180_000)
  const { log } = group
  const enginePid = Number(readFileSync(join(dir, 'log', 'dockerd.pid'), 'utf8'))
  t.ok(
    log.some((line) => line.startsWith('starting dockerd')),
    'the start began its own engine',
  )

  // A run accepted, and running, when Ctrl-C comes.
  const executionId = await submitRun(
    api,
    'python',
    'import time\nprint("start", flush=True)\ntime.sleep(3)\nprint("done")',
  )
  await waitFor('the run to start', async () => (await fetchExecution(api, executionId)).status === 'RUNNING', 60_000)

  const sent = Date.now()
  process.kill(-(group.child.pid as number), 'SIGINT')
  const workerDrainMs = loadConfig().RUN_TIMEOUT_MS + 30_000
  const code = await Promise.race([group.exited, sleep(workerDrainMs + 5_000).then(() => 'still running')])
  t.equal(code, 0, 'make up ends, with status 0')
  t.ok(Date.now() - sent < Math.max(workerDrainMs, API_DRAIN_MS), 'within the drain time')
  for (const name of ['api', 'worker']) {
    const pid = group.lastPid(name) ?? 0
    t.ok(pid > 0 && !alive(pid), `the ${name} (pid ${pid}) has stopped`)
  }

  t.ok(alive(enginePid), 'the engine process is still running')
  t.ok(answers(engine), 'and answers')
  const stored = await db
    .selectFrom('executions')
    .select(['status', 'stdout'])
    .where('id', '=', executionId)
    .executeTakeFirstOrThrow()
  t.same(stored, { status: 'COMPLETED', stdout: 'start\ndone\n' }, 'the run accepted before Ctrl-C ran to its end')
  t.notOk(existsSync(join(group.state, 'up.pid')), 'make up took its pid file away')

  // make down stops what make up started, and says so; what it did not start it leaves.
  const down = spawnSync('src/ops/down.sh', {
    cwd: new URL('../..', import.meta.url).pathname,
    encoding: 'utf8',
    env: { ...process.env, LIVECODE_LOG_DIR: join(dir, 'log'), LIVECODE_STATE_DIR: group.state },
  })
  t.equal(down.status, 0, down.stderr)
  t.match(down.stdout, `stopped the Docker engine make up started (and every container on it) (pid ${enginePid})`)
  t.match(down.stdout, /left alone: no make up running/)
  t.match(down.stdout, /left alone: no Redis that make up started is running/)
  t.match(down.stdout, /left alone: no PostgreSQL that make up started/)
  t.notOk(alive(enginePid), 'the engine has stopped')
})
