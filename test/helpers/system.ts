import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { type Config, loadConfig } from '../../src/config.ts'
import { isTerminalStatus } from '../../src/execution-states.ts'
import { startWorker } from '../../src/worker/start-worker.ts'
import { startApp } from './app.ts'
import { createTestDatabase } from './database.ts'
import { testLogger } from './logger.ts'
import { uniqueQueueName } from './redis.ts'
import { createSession } from './sessions.ts'
import { waitFor } from './wait.ts'

export interface TestSystem {
  app: FastifyInstance
  config: Config
  workerId: string
}

/** The API (in process, through inject) and one worker, on a fresh database and a queue of their own. */
export async function startTestSystem(t: Test, overrides: Record<string, string> = {}): Promise<TestSystem> {
  const { url } = await createTestDatabase(t)
  const config = loadConfig({ ...process.env, DATABASE_URL: url, QUEUE_NAME: uniqueQueueName('e2e'), ...overrides })
  const worker = await startWorker(config, testLogger())
  t.teardown(() => worker.close())
  const app = await startApp(t, config)
  return { app, config, workerId: worker.id }
}

/** Polls GET /executions/{id} as a client would, until a terminal state. */
export async function waitForTerminal(
  app: FastifyInstance,
  executionId: string,
  timeoutMs = 60_000,
): Promise<Record<string, any>> {
  return waitFor(
    `execution ${executionId} to end`,
    async () => {
      const execution = (await app.inject({ method: 'GET', url: `/executions/${executionId}` })).json()
      return isTerminalStatus(execution.status) && (execution as Record<string, any>)
    },
    timeoutMs,
  )
}

/** Creates a session with the given source and stdin, runs it, and waits for the outcome. */
export async function runProgram(
  app: FastifyInstance,
  language: string,
  sourceCode: string,
  stdin = '',
): Promise<Record<string, any>> {
  const session = await createSession(app, { language, source_code: sourceCode, stdin })
  const run = await app.inject({ method: 'POST', url: `/code-sessions/${session.session_id}/run` })
  if (run.statusCode !== 202) throw new Error(`run failed: ${run.body}`)
  return waitForTerminal(app, run.json().execution_id)
}
