// SIGTERM drains: a worker finishes the run it holds and takes no new job; an API answers the requests in
// flight, then exits; a rolling restart of the API loses nothing.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { sandboxContainers } from '../helpers/docker.ts'
import { freePort } from '../helpers/servers.ts'
import { assertAllSettled, exitCodeWithin, type Rig, row, sleep, startRig, waitFor, waitForRow } from './helpers.ts'

const SERVER = new URL('../../src/api/server.ts', import.meta.url).pathname

interface ChildApi {
  url: string
  child: ChildProcess
  exited: Promise<number | null>
}

async function spawnApi(t: Test, rig: Rig): Promise<ChildApi> {
  const port = await freePort()
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, ...rig.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const url = `http://127.0.0.1:${port}`
  await waitFor('the API to listen', async () => (await fetch(`${url}/health`)).ok, 20_000)
  return { url, child, exited }
}

async function postRun(url: string, sessionId: string): Promise<{ status: number; executionId?: string }> {
  const response = await fetch(`${url}/code-sessions/${sessionId}/run`, { method: 'POST' })
  const body = (await response.json()) as { execution_id?: string }
  return { status: response.status, executionId: response.status === 202 ? body.execution_id : undefined }
}

t.test('worker SIGTERM: finishes the run in hand, exits 0, takes no new job', async (t) => {
  const rig = await startRig(t, { env: { WORKER_CONCURRENCY: '2' } })
  const workerA = rig.worker()
  const held = await rig.run(await rig.session('import time\ntime.sleep(3)\nprint("finished in drain")\n'))
  if (!held.executionId) throw new Error('run not accepted')
  await waitForRow(rig.db, held.executionId, 'RUNNING', (e) => e.status === 'RUNNING', 30_000)
  await waitFor(
    'its container',
    () => sandboxContainers({ executionId: held.executionId as string }).length > 0,
    15_000,
  )

  workerA.kill('SIGTERM')
  await sleep(500) // the signal is handled at once; this only orders it before the next run
  const later = await rig.run(await rig.session('print("after the signal")'))
  if (!later.executionId) throw new Error('run not accepted')
  t.equal(await exitCodeWithin(workerA.exited, 'worker A', 30_000), 0, 'worker A exits 0')
  t.match(await row(rig.db, held.executionId), { status: 'COMPLETED', stdout: 'finished in drain\n', attempts: 1 })
  t.match(await row(rig.db, later.executionId), { status: 'QUEUED', attempts: 0 }, 'the later run was not taken')

  rig.worker()
  await assertAllSettled(t, rig.db, rig.accepted)
  t.match(await row(rig.db, later.executionId), { status: 'COMPLETED', stdout: 'after the signal\n' })
})

t.test('API SIGTERM: the request in flight is answered, then the process exits 0', async (t) => {
  const rig = await startRig(t)
  rig.worker()
  const api = await spawnApi(t, rig)
  const sessionId = await rig.session('print("accepted during drain")')

  // The test holds the session's row, so the API's POST /run waits inside its transaction.
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const holding = rig.db.transaction().execute(async (trx) => {
    await sql`select id from code_sessions where id = ${sessionId} for update`.execute(trx)
    await released
  })
  const inFlight = postRun(api.url, sessionId)
  await waitFor(
    'POST /run to wait on the row lock',
    async () => {
      const waiting = await sql<{ count: string }>`
        select count(*) as count from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(rig.db)
      return Number(waiting.rows[0]?.count) > 0
    },
    10_000,
  )

  api.child.kill('SIGTERM')
  await sleep(500)
  t.equal(api.child.exitCode, null, 'still running while a request is in flight')
  await t.rejects(fetch(`${api.url}/health`), 'takes no new connection while draining')
  release()
  await holding
  const answered = await inFlight
  t.equal(answered.status, 202, 'the request in flight is answered')
  if (answered.executionId) rig.accepted.push(answered.executionId)
  t.equal(await exitCodeWithin(api.exited, 'the API', 30_000), 0, 'exits 0')
  await assertAllSettled(t, rig.db, rig.accepted)
})

t.test('rolling restart of the API: every 202 ends terminal', async (t) => {
  const rig = await startRig(t, { env: { WORKER_CONCURRENCY: '2' } })
  rig.worker()
  const first = await spawnApi(t, rig)
  const second = await spawnApi(t, rig)
  const sessions = await Promise.all(Array.from({ length: 4 }, (_, i) => rig.session(`print(${i})`)))
  const runs = 24
  const outcomes = { accepted: 0, refusedByFirst: 0 }
  let drainSent = false
  for (let i = 0; i < runs; i++) {
    if (i === 8) {
      first.child.kill('SIGTERM') // the first replica drains while runs keep coming
      drainSent = true
    }
    const sessionId = sessions[i % sessions.length] as string
    // A client (or load balancer) sends to either replica and retries on the other when one refuses.
    const targets = i % 2 === 0 ? [first.url, second.url] : [second.url, first.url]
    let accepted: string | undefined
    for (const url of targets) {
      const result = await postRun(url, sessionId).catch(() => ({ status: 0, executionId: undefined }))
      if (result.executionId) {
        accepted = result.executionId
        break
      }
      if (url === first.url && drainSent) outcomes.refusedByFirst++
      else t.fail(`unexpected answer ${result.status} from ${url}`)
    }
    if (!accepted) throw new Error(`run ${i} accepted by neither replica`)
    rig.accepted.push(accepted)
    outcomes.accepted++
  }
  t.equal(outcomes.accepted, runs, 'every run was accepted by one replica')
  t.comment(`runs refused by the draining replica (then sent to the other): ${outcomes.refusedByFirst}`)
  t.equal(await exitCodeWithin(first.exited, 'the first API', 35_000), 0, 'the drained replica exits 0')
  await assertAllSettled(t, rig.db, rig.accepted, 90_000)
})
