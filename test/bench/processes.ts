// The API and the worker as their own processes, as operators run them, so that each one's memory is its own.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseEnv } from 'node:util'
import { freePort } from '../helpers/servers.ts'

const ROOT = new URL('../../', import.meta.url).pathname

export interface BenchProcess {
  pid: number
  /** Resident memory now, in bytes. */
  rss(): number
  /** SIGTERM, then waits for the exit (SIGKILL after 30 s). */
  stop(): Promise<void>
  kill(): Promise<void>
}

export interface BenchWorker extends BenchProcess {
  /** The worker's Prometheus metrics, on its health port. */
  metricsUrl: string
}

const children = new Set<ChildProcess>()
// A benchmark that fails half-way must not leave its API and workers running.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

function watch(child: ChildProcess, name: string): BenchProcess & { exited: Promise<void> } {
  children.add(child)
  child.once('exit', () => children.delete(child))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // The JSON log lines are drained unread (readiness and pool hits come from HTTP, cheaper than parsing every
  // line on the cores being measured); anything else, a crash's stack say, is shown.
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) process.stderr.write(`[${name}] ${line}\n`)
    })
  const pid = child.pid ?? -1
  return {
    pid,
    exited,
    rss: () => residentBytes(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const forced = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exited
      clearTimeout(forced)
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGKILL')
      await exited
    },
  }
}

export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
  if (kib === undefined) throw new Error(`no VmRSS for ${pid}`)
  return Number(kib) * 1024
}

/** How the API and worker hold memory, as `make api` / `make worker` and docker compose run them. */
const MEMORY_ENV = parseEnv(readFileSync(`${ROOT}src/ops/memory.env`, 'utf8'))

function start(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...MEMORY_ENV, ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

/** `node src/api/server.ts` on a free loopback port; resolves once it answers /health. */
export async function startApiProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchProcess & { url: string }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const api = watch(start('src/api/server.ts', { ...env, HOST: '127.0.0.1', PORT: String(port) }, nodeArgs), 'api')
  await until('the API', async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true, 60_000)
  return { ...api, url }
}

/**
 * `node src/worker/worker.ts` with its health server on `WORKER_HEALTH_PORT` (a free port unless given); resolves
 * once that answers /health, which the worker opens last, just before it logs that it started.
 */
export async function startWorkerProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchWorker> {
  const port = Number(env.WORKER_HEALTH_PORT) || (await freePort())
  const url = `http://127.0.0.1:${port}`
  const worker = watch(
    start('src/worker/worker.ts', { ...env, HOST: '127.0.0.1', WORKER_HEALTH_PORT: String(port) }, nodeArgs),
    'worker',
  )
  let exited = false
  void worker.exited.then(() => {
    exited = true
  })
  await until(
    'the worker to start',
    async () => {
      if (exited) throw new Error('the worker exited while starting')
      return (await fetch(`${url}/health`).catch(() => undefined))?.ok === true
    },
    120_000,
  )
  return { ...worker, metricsUrl: `${url}/metrics` }
}
