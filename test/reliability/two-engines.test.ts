// Workers on two Docker engines sharing one PostgreSQL and one Redis: runs spread over both; a worker killed
// mid-run on one engine is taken over by a worker on the other; the old container ends with its worker (its
// runner sees stdin close), so the run never executes twice at once; and no container is left on either engine.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { EXECUTION_LABEL, SANDBOX_LABEL } from '../../src/sandbox/labels.ts'
import { runContainerName } from '../../src/sandbox/warm-container.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { assertAllSettled, startRig, waitFor, waitForRow, waitTerminal } from './helpers.ts'
import { startSecondEngine } from './second-engine.ts'

const exec = promisify(execFile)
const SLEEP_MS = 8000
const SLEEPER = `import time\ntime.sleep(${SLEEP_MS / 1000})\nprint("woke up")\n`

interface Seen {
  first: number
  last: number
}

/** Every 100 ms: which containers of one execution are running on each engine, and from when to when. */
function watchRunning(executionId: string, hosts: string[]) {
  const seen = hosts.map(() => new Map<string, Seen>())
  let stopped = false
  const done = (async () => {
    while (!stopped) {
      await Promise.all(
        hosts.map(async (host, i) => {
          // A fresh container carries the execution's label; a warm one is renamed for it when taken.
          const running = await Promise.all(
            [`label=${EXECUTION_LABEL}=${executionId}`, `name=^/${runContainerName(executionId)}$`].map((filter) =>
              exec('docker', ['-H', host, 'ps', '-q', '--filter', filter]),
            ),
          )
          const now = Date.now()
          for (const id of new Set(running.flatMap(({ stdout }) => stdout.split('\n').filter(Boolean)))) {
            const entry = seen[i]?.get(id) ?? { first: now, last: now }
            entry.last = now
            seen[i]?.set(id, entry)
          }
        }),
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return {
    seen,
    async stop() {
      stopped = true
      await done
      return seen
    },
  }
}

t.test(
  'workers on two Docker engines',
  { skip: process.getuid?.() === 0 ? false : 'starting a second dockerd needs root' },
  async (t) => {
    const rig = await startRig(t)
    const second = await startSecondEngine(t, rig.config.IMAGE_PREFIX)
    const firstHost = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'

    // A worker on the first engine takes the run; a worker on the second is started, then the first is killed.
    const workerA = rig.worker({ WORKER_CONCURRENCY: '1' })
    const { executionId } = await rig.run(await rig.session(SLEEPER))
    if (!executionId) throw new Error('run not accepted')
    const watch = watchRunning(executionId, [firstHost, second.host])
    const started = await waitForRow(rig.db, executionId, 'RUNNING', (e) => e.status === 'RUNNING', 60_000)
    // Running, not only created: killed before the start, the worker would leave nothing to overlap with.
    await waitFor('its container running on the first engine', () => (watch.seen[0]?.size ?? 0) > 0, 30_000)
    const workerB = rig.worker({ DOCKER_HOST: second.host })
    const killedAt = Date.now()
    workerA.kill('SIGKILL')
    await workerA.exited

    const execution = await waitTerminal(rig.db, executionId, 120_000)
    const [onFirst, onSecond] = await watch.stop()
    t.match(execution, { status: 'COMPLETED', stdout: 'woke up\n', attempts: 2 })
    t.not(execution.engine_id, started.engine_id, 'the second attempt ran on the other engine')
    const lastOnFirst = Math.max(...[...(onFirst?.values() ?? [])].map((s) => s.last))
    const firstOnSecond = Math.min(...[...(onSecond?.values() ?? [])].map((s) => s.first))
    t.ok(
      Number.isFinite(lastOnFirst) && Number.isFinite(firstOnSecond),
      `a container was seen running on each engine (${onFirst?.size} on the first, ${onSecond?.size} on the second)`,
    )
    const firstOnFirst = Math.min(...[...(onFirst?.values() ?? [])].map((s) => s.first))
    t.ok(
      lastOnFirst < firstOnFirst + SLEEP_MS,
      `the first engine's container ended with its worker, not with its program (seen for ${lastOnFirst - firstOnFirst} ms)`,
    )
    t.comment(
      `killed → running again on the second engine: ${(execution.started_at?.getTime() ?? Number.NaN) - killedAt} ms`,
    )
    t.ok(
      lastOnFirst < firstOnSecond,
      `never twice at once: the first engine's container was last seen running ${firstOnSecond - lastOnFirst} ms before the second's started`,
    )

    // A worker back on the first engine removes the dead worker's container; new runs spread over both engines.
    rig.worker()
    await waitFor('the dead worker’s container removed', () => sandboxContainers({ executionId }).length === 0, 30_000)
    const ids: string[] = []
    for (let i = 0; i < 8; i++) {
      const { executionId: id } = await rig.run(await rig.session('import time\ntime.sleep(1)\n'))
      if (id) ids.push(id)
    }
    const engines = new Set<string | null>()
    for (const id of ids) engines.add((await waitTerminal(rig.db, id, 120_000)).engine_id)
    t.equal(engines.size, 2, `8 runs went to both engines (${[...engines].join(', ')})`)

    await assertAllSettled(t, rig.db, rig.accepted)
    // Drained, the second engine's worker removes its warm pool too: then nothing of LiveCode may be left there.
    workerB.kill('SIGTERM')
    await workerB.exited
    await waitFor(
      'no sandbox container left on the second engine',
      () => second.docker(['ps', '-aq', '--filter', `label=${SANDBOX_LABEL}=true`]).trim() === '',
      15_000,
    )
    t.pass('no sandbox container left on the second engine')
  },
)
