// `make up` as a terminal runs it: src/ops/up.sh (or a command ending in it) in a process group of its own, so
// that a test can send the whole group a Ctrl-C; its own state folder, so that its pid file never lands where the
// machine's `make down` looks.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { freePort } from './servers.ts'
import { waitFor } from './wait.ts'

const ROOT = new URL('../..', import.meta.url).pathname

export interface MakeUp {
  child: ChildProcess
  /** Its state folder (LIVECODE_STATE_DIR), which `make down` reads too. */
  state: string
  /** What it said on stderr, line by line. */
  log: string[]
  exited: Promise<number | null>
  /** Waits for the supervisor's line saying the API listens at this address. */
  listening(api: string, timeoutMs?: number): Promise<void>
  /** The pid of the most recent start of `api` or `worker`, from the supervisor's own lines. */
  lastPid(name: string): number | undefined
}

/** Listening on 127.0.0.1, the worker's port a free one (not make up's 9464, which a real make up may hold), quiet. */
export async function startMakeUp(
  t: Test,
  env: Record<string, string>,
  command = 'exec src/ops/up.sh',
): Promise<MakeUp> {
  const defaults = { HOST: '127.0.0.1', WORKER_HEALTH_PORT: String(await freePort()), LOG_LEVEL: 'warn' }
  const state = mkdtempSync(join(tmpdir(), 'livecode-up-'))
  t.teardown(() => rmSync(state, { recursive: true, force: true }))
  const child = spawn('bash', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, ...defaults, LIVECODE_STATE_DIR: state, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const log: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (text: string) => log.push(...text.split('\n').filter(Boolean)))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  t.teardown(() => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
  })
  return {
    child,
    state,
    log,
    exited,
    async listening(api, timeoutMs = 120_000) {
      await waitFor(
        'the listening line',
        () => log.some((line) => line.includes(`listening on ${api}`)),
        timeoutMs,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; make up said:\n${log.join('\n')}`)
      })
    },
    lastPid(name) {
      const starts = log.map((line) => new RegExp(`^>>> ${name} started \\(pid (\\d+)\\)$`).exec(line)).filter(Boolean)
      const last = starts.at(-1)
      return last ? Number(last[1]) : undefined
    },
  }
}

/** A session with this program and one run of it, over HTTP, as a client of make up's API; the run's id. */
export async function submitRun(api: string, language: string, sourceCode: string): Promise<string> {
  const created = await fetch(`${api}/code-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language, source_code: sourceCode }),
  })
  const { session_id } = (await created.json()) as { session_id: string }
  const run = await fetch(`${api}/code-sessions/${session_id}/run`, { method: 'POST' })
  return ((await run.json()) as { execution_id: string }).execution_id
}

/** GET /executions/{id}, with a query such as `?wait=30`. */
export async function fetchExecution(api: string, executionId: string, query = ''): Promise<any> {
  return (await fetch(`${api}/executions/${executionId}${query}`)).json()
}
