// The warm pool against the real Docker engine: each property the issue asks of it, one test each.

import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type Docker from 'dockerode'
import { pino } from 'pino'
import t, { type Test } from 'tap'
import { LANGUAGE_IDS, type LanguageId } from '../../src/languages.ts'
import { buildContainerSpec } from '../../src/sandbox/container-spec.ts'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { LIFETIME_LABEL, SANDBOX_LABEL, WARM_LABEL, WORKER_LABEL } from '../../src/sandbox/labels.ts'
import { removeSandboxContainers } from '../../src/sandbox/leftovers.ts'
import { buildWarmContainerSpec } from '../../src/sandbox/warm-container.ts'
import { WarmPool, type WarmPoolSettings } from '../../src/sandbox/warm-pool.ts'
import { killMarginMs } from '../helpers/runtime.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const settings = testSettings()
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

function sizes(python: number, others = 0): Record<LanguageId, number> {
  return Object.fromEntries(LANGUAGE_IDS.map((l) => [l, l === 'python' ? python : others])) as Record<
    LanguageId,
    number
  >
}

/** Ids of a worker's warm containers now (waiting ones carry the warm label), through the CLI. */
function warmIds(workerId: string): string[] {
  const output = execFileSync(
    'docker',
    ['ps', '-aq', '--filter', `label=${WARM_LABEL}=true`, '--filter', `label=${WORKER_LABEL}=${workerId}`],
    { encoding: 'utf8' },
  )
  return output.split('\n').filter(Boolean)
}

async function startPool(t: Test, overrides: Partial<WarmPoolSettings> = {}, client: Docker = docker) {
  const workerId = `test-pool-${randomUUID()}`
  const pool = new WarmPool(
    client,
    settings,
    { sizes: sizes(2), idleMs: 60_000, maxConcurrentCreates: 1, workerId, ...overrides },
    logger,
  )
  pool.start()
  t.teardown(async () => {
    await pool.close()
    await removeSandboxContainers(docker, { workerId })
  })
  return { pool, workerId }
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

t.test('warm containers have exactly the settings of a run’s container, labels aside', async (t) => {
  const { pool, workerId } = await startPool(t, { sizes: sizes(1) })
  await until('a warm container', () => pool.readyCount('python') === 1)
  const [id] = warmIds(workerId)
  const inspected = await docker.getContainer(id as string).inspect()
  const idleMs = Number(inspected.Config.Labels[LIFETIME_LABEL]) // the lifetime covers the idle wait
  t.ok(idleMs > settings.limits.timeoutMs, 'its lifetime covers an idle wait plus a run')
  t.equal(inspected.State.Running, true, 'created and started ahead')
  const run = buildContainerSpec(settings, request('python', ''), { workerId, uid: 4242 })
  const warm = buildWarmContainerSpec(settings, 'python', { workerId, idleMs: 1000 })
  const { User: _u1, Labels: runLabels, Cmd: _c1, ...runRest } = run
  const { User: _u2, Labels: warmLabels, Cmd: _c2, ...warmRest } = warm
  t.strictSame(warmRest, runRest, 'image, environment, HostConfig (every limit) are the run’s')
  t.strictSame(
    warm.Cmd,
    [...(run.Cmd ?? []).slice(0, 1), '--idle', '1', ...(run.Cmd ?? []).slice(1)],
    'the run’s command, with an idle bound',
  )
  t.same(Object.keys(warmLabels ?? {}).sort(), [LIFETIME_LABEL, SANDBOX_LABEL, WARM_LABEL, WORKER_LABEL].sort())
  t.notOk('livecode.execution-id' in (warmLabels ?? {}), 'no execution yet')
  t.ok(runLabels?.['livecode.execution-id'])
  t.equal(inspected.HostConfig.Memory, settings.limits.memoryBytes, 'the engine has the run’s memory cap')
  t.equal(inspected.HostConfig.NetworkMode, 'none')
})

t.test('each warm container is used once, removed after, and replaced in the background', async (t) => {
  const { pool, workerId } = await startPool(t)
  await until('two warm containers', () => warmIds(workerId).length === 2)
  const before = new Set(warmIds(workerId))
  const outcomes = []
  for (let i = 0; i < 3; i++) {
    // The refill of the one taken before may still be on its way on a loaded machine.
    await until('a warm container ready', () => pool.readyCount('python') > 0)
    const req = request(
      'python',
      'import os, socket\nprint(socket.gethostname(), os.listdir("/tmp"))\nopen("/tmp/mark", "w")',
    )
    outcomes.push(await runInSandbox(docker, settings, req, { workerId, pool, logger }))
  }
  t.equal(pool.hits, 3, 'three hits')
  const hostnames = outcomes.map((outcome) => outcome.stdout.split(' ')[0])
  t.equal(new Set(hostnames).size, 3, 'a new container each run')
  for (const outcome of outcomes)
    t.match(outcome, { status: 'COMPLETED', stdout: /\['main\.py'\]\n$/ }, 'nothing of a previous run in /tmp')
  for (const id of before) t.notOk(warmIds(workerId).includes(id), `used container ${id.slice(0, 12)} is gone`)
  await until('the pool refilled', () => pool.readyCount('python') === 2)
  t.equal(warmIds(workerId).length, 2, 'two waiting again, none of them used before')
})

t.test('the run’s limit counts from the source, not from the container’s start', async (t) => {
  const limited = testSettings({ timeoutMs: 2000 })
  const workerId = `test-pool-${randomUUID()}`
  const pool = new WarmPool(
    docker,
    limited,
    { sizes: sizes(1), idleMs: 60_000, maxConcurrentCreates: 1, workerId },
    logger,
  )
  pool.start()
  t.teardown(async () => {
    await pool.close()
    await removeSandboxContainers(docker, { workerId })
  })
  await until('a warm container', () => pool.readyCount('python') === 1)
  await sleep(3000) // idle longer than the run's whole limit
  const slow = await runInSandbox(docker, limited, request('python', 'import time\ntime.sleep(1)\nprint("done")'), {
    workerId,
    pool,
    logger,
  })
  t.match(slow, { status: 'COMPLETED', stdout: 'done\n' }, 'a 1 s run after a 3 s wait is within its 2 s')
  await until('a warm container again', () => pool.readyCount('python') === 1)
  const endless = await runInSandbox(docker, limited, request('python', 'while True:\n    pass'), {
    workerId,
    pool,
    logger,
  })
  t.equal(endless.status, 'TIMEOUT')
  t.ok(
    endless.durationMs >= limited.limits.timeoutMs && endless.durationMs < limited.limits.timeoutMs + killMarginMs(),
    `killed at its limit (${Math.round(endless.durationMs)} ms)`,
  )
  t.equal(pool.hits, 2)
})

t.test('a container idle past the bound is recycled, and the pool stays full', async (t) => {
  const { pool, workerId } = await startPool(t, { sizes: sizes(1), idleMs: 1500 })
  await until('a warm container', () => warmIds(workerId).length === 1)
  const first = warmIds(workerId)[0]
  await until('it replaced by another', () => warmIds(workerId).length === 1 && warmIds(workerId)[0] !== first, 30_000)
  await until('the replacement ready', () => pool.readyCount('python') === 1)
  t.pass('the idle container was replaced by a ready one')
})

t.test('a miss falls back to a fresh container; size 0 keeps none', async (t) => {
  const { pool, workerId } = await startPool(t, { sizes: sizes(0) })
  await sleep(1000)
  t.strictSame(warmIds(workerId), [], 'size 0: no warm container')
  const outcome = await runInSandbox(docker, settings, request('python', 'print("fresh")'), { workerId, pool, logger })
  t.match(outcome, { status: 'COMPLETED', stdout: 'fresh\n' })
  t.equal(pool.hits + pool.misses, 0, 'a language with no pool is not a miss')

  const { pool: small, workerId: other } = await startPool(t, { sizes: sizes(1) })
  await until('a warm container', () => small.readyCount('python') === 1)
  const both = await Promise.all(
    [1, 2].map((n) =>
      runInSandbox(docker, settings, request('python', `print(${n})`), { workerId: other, pool: small, logger }),
    ),
  )
  t.same(
    both.map((o) => o.stdout),
    ['1\n', '2\n'],
    'both ran',
  )
  t.equal(small.hits, 1, 'one from the pool')
  t.equal(small.misses, 1, 'one fresh')
})

t.test('refills are created one at a time (bounded), never all at once', async (t) => {
  let creating = 0
  let most = 0
  // A seam in front of the real engine that counts creates in flight.
  const counting = Object.create(docker) as Docker
  counting.createContainer = async (options) => {
    creating++
    most = Math.max(most, creating)
    try {
      return await docker.createContainer(options)
    } finally {
      creating--
    }
  }
  const { pool } = await startPool(t, { sizes: sizes(2, 1), maxConcurrentCreates: 1 }, counting)
  await until(
    'the pool full',
    () => LANGUAGE_IDS.every((l) => pool.readyCount(l) === (l === 'python' ? 2 : 1)),
    120_000,
  )
  t.equal(most, 1, 'never more than one create at once')
})

t.test(
  'warm containers carry their worker and a lifetime: reaped like the rest when their worker is gone',
  async (t) => {
    const { workerId } = await startPool(t, { sizes: sizes(1) })
    await until('a warm container', () => warmIds(workerId).length === 1)
    const info = (await docker.listContainers({ all: true, filters: { label: [`${WORKER_LABEL}=${workerId}`] } }))[0]
    t.equal(info?.Labels[WORKER_LABEL], workerId)
    t.ok(Number(info?.Labels[LIFETIME_LABEL]) > 0, 'a lifetime label')
    t.equal(await removeSandboxContainers(docker, { workerId }), 1, 'found and removed by its worker label')
  },
)
