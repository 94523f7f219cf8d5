import { execFileSync, spawn } from 'node:child_process'
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Test } from 'tap'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'
import { WORKER_LABEL } from '../../src/sandbox/labels.ts'
import { forceRemove, listSandboxContainers } from '../../src/sandbox/leftovers.ts'
import { workerIdPrefixOf } from '../../src/worker/leftover-reaper.ts'
import { waitFor } from './wait.ts'

/** A server of the test's own, which the test may stop and start again. */
export interface OwnServer {
  url: string
  stop(): Promise<void>
  start(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

function succeeds(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** A redis-server on a free port with an append-only file, so a restart keeps the queue. */
export async function startOwnRedis(t: Test): Promise<OwnServer> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(tmpdir(), 'livecode-redis-'))
  const ping = () => succeeds('redis-cli', ['-p', String(port), 'ping'])
  const server: OwnServer = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      execFileSync('redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--daemonize',
        'yes',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--logfile',
        path.join(dir, 'redis.log'),
      ])
      await waitFor('redis to start', ping, 20_000)
    },
    async stop() {
      succeeds('redis-cli', ['-p', String(port), 'shutdown'])
      await waitFor('redis to stop', () => !ping(), 20_000)
    },
  }
  await server.start()
  t.teardown(async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  })
  return server
}

function postgresBin(name: string): string {
  const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0]
  return `/usr/lib/postgresql/${version}/bin/${name}`
}

/** A PostgreSQL server of its own (initdb in a temporary folder, run as the postgres user) on a free port. */
export async function startOwnPostgres(t: Test): Promise<OwnServer> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(tmpdir(), 'livecode-pg-'))
  chownSync(
    dir,
    Number(execFileSync('id', ['-u', 'postgres']).toString()),
    Number(execFileSync('id', ['-g', 'postgres']).toString()),
  )
  const data = path.join(dir, 'data')
  const asPostgres = (args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', ...args], { cwd: '/', stdio: 'pipe' })
  asPostgres([postgresBin('initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const ready = () => succeeds(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])
  const server: OwnServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      asPostgres([
        postgresBin('pg_ctl'),
        '-D',
        data,
        '-l',
        path.join(dir, 'log'),
        '-w',
        'start',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      ])
      await waitFor('postgres to start', ready, 20_000)
    },
    async stop() {
      asPostgres([postgresBin('pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop'])
    },
  }
  await server.start()
  t.teardown(async () => {
    await server.stop().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  })
  return server
}

export interface ChildWorker {
  pid: number
  exited: Promise<number | null>
  kill(signal: NodeJS.Signals): void
  /** The signal that ended the process; null while it runs or when it exited by itself. */
  endedBy(): NodeJS.Signals | null
}

/** A worker as its own process (`node src/worker/worker.ts`), as operators run it. */
export function spawnWorker(t: Test, env: Record<string, string>): ChildWorker {
  const child = spawn(process.execPath, ['src/worker/worker.ts'], {
    env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
    if (env.QUEUE_NAME && !env.DOCKER_HOST && child.pid) await removeWarmLeftovers(env.QUEUE_NAME, child.pid)
  })
  return { pid: child.pid ?? -1, exited, kill: (signal) => child.kill(signal), endedBy: () => child.signalCode }
}

/**
 * A worker killed (by its test or at teardown) leaves its warm containers behind: ended (their stdin closed) but
 * not removed, since no worker of its queue is left to reap them. Removed here, by the dead worker's id, rather
 * than left on the engine for later tests' deadline reapers. (Tests on another engine clean up their own.)
 */
async function removeWarmLeftovers(queueName: string, pid: number): Promise<void> {
  const docker = createDockerClient()
  const deadWorker = workerIdPrefixOf(queueName, pid)
  const containers = await listSandboxContainers(docker)
  await forceRemove(
    docker,
    containers.filter((container) => container.Labels[WORKER_LABEL]?.startsWith(deadWorker)),
  )
}
