// Finds what a process keeps per run: heap snapshots of the worker (or the API: HUNT_TARGET=api) after a
// warm-up and after more runs, and the object groups that grew between them; both processes log where their
// memory is every 10 s (memory-probe.ts). `node test/bench/heap-hunt.ts` (HUNT_WARMUP, HUNT_RUNS,
// HUNT_SNAPSHOTS=0 for memory figures only, HUNT_NODE_ARGS for the target's node flags).
import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Client, SessionPool, timeHello } from './client.ts'
import { benchEnvironment } from './environment.ts'
import { diffSnapshots } from './heap-diff.ts'
import { type BenchProcess, startApiProcess, startWorkerProcess } from './processes.ts'
import { mib } from './stats.ts'

const WARMUP = Number(process.env.HUNT_WARMUP ?? 200)
const RUNS = Number(process.env.HUNT_RUNS ?? 1000)
const SNAPSHOTS = process.env.HUNT_SNAPSHOTS !== '0'
const TARGET = process.env.HUNT_TARGET === 'api' ? 'api' : 'worker'
const CLIENTS = 8

const environment = await benchEnvironment()
const dir = mkdtempSync(path.join(tmpdir(), 'livecode-heap-'))
const probe = `--import=${new URL('./memory-probe.ts', import.meta.url).pathname}`
const nodeArgs = (target: string) => [
  probe,
  ...(target === TARGET ? (process.env.HUNT_NODE_ARGS ?? '').split(' ').filter(Boolean) : []),
  ...(SNAPSHOTS && target === TARGET ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`] : []),
]
const api = await startApiProcess({ ...environment.env, LOG_LEVEL: 'warn', PROBE_NAME: 'api' }, nodeArgs('api'))
const worker = await startWorkerProcess({ ...environment.env, PROBE_NAME: 'worker' }, nodeArgs('worker'))
const target: BenchProcess = TARGET === 'api' ? api : worker
const client = new Client(api.url)
const sessions = new SessionPool(client, 'python', 'print("hello")\n', 1000)

async function runs(count: number): Promise<void> {
  let left = count
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) await timeHello(client, sessions, 'poll')
    }),
  )
}

async function snapshot(): Promise<string> {
  const before = new Set(readdirSync(dir))
  process.kill(target.pid, 'SIGUSR2')
  for (;;) {
    await sleep(500)
    const added = readdirSync(dir).filter((name) => !before.has(name))
    // Written under its final name from the start: done once its size stops changing.
    if (added.length > 0) {
      const file = path.join(dir, added[0] as string)
      let size = -1
      while (statSync(file).size === 0 || statSync(file).size !== size) {
        size = statSync(file).size
        await sleep(3000)
      }
      return file
    }
  }
}

const rss = () => `worker RSS ${mib(worker.rss())}, API RSS ${mib(api.rss())}`
await runs(WARMUP)
console.log(`after ${WARMUP} warm-up runs: ${rss()}`)
const first = SNAPSHOTS ? await snapshot() : ''
await runs(RUNS)
// Writing a snapshot leaves the target's glibc heap large (it keeps what the writer freed): RSS says nothing then.
const inflated = SNAPSHOTS
  ? ` (the ${TARGET}'s RSS includes what the first snapshot's writer left: HUNT_SNAPSHOTS=0 for RSS)`
  : ''
console.log(`after ${RUNS} more runs: ${rss()}${inflated}`)
if (SNAPSHOTS) {
  const second = await snapshot()
  console.log(`${TARGET} snapshots: ${first} ${second}`)
  for (const line of diffSnapshots(first, second, RUNS)) console.log(line)
}
await worker.stop()
await api.stop()
await environment.drop()
