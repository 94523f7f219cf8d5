import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Test } from 'tap'
import { type Config, loadConfig } from '../../src/config.ts'
import type { Database, Execution } from '../../src/db/types.ts'
import { isTerminalStatus } from '../../src/execution-states.ts'
import { withTimeout } from '../../src/timeout.ts'
import { startApp } from '../helpers/app.ts'
import { createMigratedDatabase, createTestDatabase } from '../helpers/database.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { uniqueQueueName } from '../helpers/redis.ts'
import { type ChildWorker, spawnWorker } from '../helpers/servers.ts'
import { createSession } from '../helpers/sessions.ts'
import { waitFor } from '../helpers/wait.ts'

/** Recovery settings lowered so that a test sees a crash recovered in seconds, not minutes. */
export const FAST: Record<string, string> = {
  // Not lower: the liveness thread must get the CPU within a lock duration (less a renewal) even on a loaded
  // 2-core machine running several test files, or a live worker's run is taken over.
  LOCK_DURATION_MS: '4000',
  RECONCILE_EVERY_MS: '500',
  QUEUED_GRACE_MS: '1000',
  RUNNING_MARGIN_MS: '1000',
  REAP_EVERY_MS: '500',
  JOB_BACKOFF_MS: '200',
  RUN_TIMEOUT_MS: '10000',
  RUNS_PER_MINUTE: '1000',
  CLIENT_RUNS_PER_MINUTE: '1000',
  CLIENT_ACTIVE_RUNS: '1000',
}

export interface Rig {
  db: Kysely<Database>
  /** What workers and APIs of this test run with (env form, for child processes). */
  env: Record<string, string>
  config: Config
  app: FastifyInstance
  /** Every execution id the API accepted (202) in this test. */
  accepted: string[]
  session(sourceCode: string, language?: string): Promise<string>
  /** POST /run through the in-process API; records the id on 202. */
  run(sessionId: string): Promise<{ statusCode: number; executionId?: string; body: string }>
  worker(extra?: Record<string, string>): ChildWorker
}

export interface RigOptions {
  env?: Record<string, string>
  /** A database URL to use instead of a fresh database on the default cluster. */
  databaseUrl?: string
  db?: Kysely<Database>
}

/** A fresh database, a unique queue, the API in process; workers are child processes started on demand. */
export async function startRig(t: Test, options: RigOptions = {}): Promise<Rig> {
  let db = options.db
  let url = options.databaseUrl
  if (!db || !url) {
    const created = await createTestDatabase(t)
    db = created.db
    url = created.url
  }
  const env: Record<string, string> = {
    DATABASE_URL: url,
    QUEUE_NAME: uniqueQueueName('rel'),
    ...FAST,
    ...options.env,
  }
  const config = loadConfig({ ...process.env, ...env })
  const app = await startApp(t, config)
  const accepted: string[] = []
  const rig: Rig = {
    db,
    env,
    config,
    app,
    accepted,
    async session(sourceCode, language = 'python') {
      return (await createSession(app, { language, source_code: sourceCode })).session_id
    },
    async run(sessionId) {
      const response = await app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run` })
      const executionId = response.statusCode === 202 ? (response.json().execution_id as string) : undefined
      if (executionId) accepted.push(executionId)
      return { statusCode: response.statusCode, executionId, body: response.body }
    },
    worker(extra = {}) {
      return spawnWorker(t, { ...env, ...extra })
    },
  }
  return rig
}

/** A database of its own on another server (e.g. startOwnPostgres), migrated; dropped with the server. */
export async function migratedDatabaseOn(t: Test, serverUrl: string): Promise<{ db: Kysely<Database>; url: string }> {
  const { db, url } = await createMigratedDatabase(serverUrl, 'livecode_rel')
  t.teardown(() => db.destroy())
  return { db, url }
}

export async function row(db: Kysely<Database>, id: string): Promise<Execution | undefined> {
  return db.selectFrom('executions').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A process's exit code, or a failure once `timeoutMs` has passed. */
export function exitCodeWithin(exited: Promise<number | null>, what: string, timeoutMs: number) {
  return withTimeout(exited, timeoutMs, `${what} exiting`)
}

export async function waitForRow(
  db: Kysely<Database>,
  id: string,
  what: string,
  predicate: (execution: Execution) => boolean,
  timeoutMs: number,
): Promise<Execution> {
  return waitFor(
    `${id} ${what}`,
    async () => {
      const execution = await row(db, id)
      return execution && predicate(execution) ? execution : undefined
    },
    timeoutMs,
  )
}

export function waitTerminal(db: Kysely<Database>, id: string, timeoutMs: number): Promise<Execution> {
  return waitForRow(db, id, 'terminal', (execution) => isTerminalStatus(execution.status), timeoutMs)
}

/**
 * What every reliability test ends with: each accepted run is terminal, was finished once (a terminal
 * row has finished_at and is never RUNNING again), and no container of it is left.
 */
export async function assertAllSettled(t: Test, db: Kysely<Database>, accepted: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (const id of accepted) {
    const execution = await waitTerminal(db, id, Math.max(1000, deadline - Date.now()))
    t.ok(execution.finished_at, `${id} has finished_at (${execution.status})`)
  }
  const ids = new Set(accepted)
  const rows = await db.selectFrom('executions').select(['id', 'status']).execute()
  t.equal(rows.filter((r) => ids.has(r.id)).length, accepted.length, 'one row per accepted run')
  t.same(
    rows.filter((r) => !isTerminalStatus(r.status)).map((r) => r.id),
    [],
    'no execution left QUEUED or RUNNING',
  )
  // Containers are removed just after the row is written; give the engine a moment.
  for (const id of accepted) {
    await waitFor(`no container left for ${id}`, () => sandboxContainers({ executionId: id }).length === 0, 15_000)
  }
  t.pass(`no container left for ${accepted.length} accepted run(s)`)
}

export { sleep, waitFor }
