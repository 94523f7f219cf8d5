// The job handler's decisions, fast: a real PostgreSQL, a BullMQ job as the handler sees it, and a Docker engine
// that fails every container create (a platform failure) or the real one where a run must succeed.
import { randomUUID } from 'node:crypto'
import { type Job, UnrecoverableError } from 'bullmq'
import type Docker from 'dockerode'
import t from 'tap'
import { findExecution, markRunning } from '../../src/db/executions-repository.ts'
import { INTERNAL_ERROR_MESSAGE } from '../../src/execution-states.ts'
import type { ExecutionJobData } from '../../src/queue/executions-queue.ts'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'
import { type ExecutionJobDeps, handleExecutionJob } from '../../src/worker/handle-execution-job.ts'
import { createTestDatabase, insertQueuedExecution } from '../helpers/database.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { testLogger } from '../helpers/logger.ts'
import { testSettings } from '../sandbox/helpers.ts'

const { db } = await createTestDatabase(t)

/** An engine that answers every create with a 500: the sandbox fails on the platform's account. */
const failingDocker = {
  createContainer: async () => {
    throw Object.assign(new Error('engine broke'), { statusCode: 500 })
  },
  listContainers: async () => [],
} as unknown as Docker

function deps(overrides: Partial<ExecutionJobDeps> = {}): ExecutionJobDeps {
  return {
    db,
    docker: failingDocker,
    settings: testSettings(),
    workerId: `test-handler-${randomUUID()}`,
    engineId: 'engine-a',
    logger: testLogger(),
    maxStarts: 3,
    stopping: new AbortController().signal,
    drainOver: new AbortController().signal,
    ...overrides,
  }
}

/** The job as BullMQ hands it to the handler on its `jobTry`-th try of `jobTries`. */
function job(executionId: string, jobTry: number, jobTries: number): Job<ExecutionJobData> {
  return { data: { executionId }, attemptsMade: jobTry - 1, opts: { attempts: jobTries } } as Job<ExecutionJobData>
}

t.test('a platform failure with tries left: handed back QUEUED, and the error goes to BullMQ to retry', async (t) => {
  const { id } = await insertQueuedExecution(db)
  const error = await handleExecutionJob(job(id, 1, 3), deps()).catch((e) => e)
  t.match(error, { name: 'SandboxPlatformError' })
  t.notOk(error instanceof UnrecoverableError, 'retryable')
  t.match(await findExecution(db, id), { status: 'QUEUED', attempts: 1, started_at: null })
})

t.test('a platform failure on the last try: internal_error, and BullMQ must not retry', async (t) => {
  const { id } = await insertQueuedExecution(db)
  const error = await handleExecutionJob(job(id, 3, 3), deps()).catch((e) => e)
  t.type(error, UnrecoverableError)
  t.match(await findExecution(db, id), {
    status: 'FAILED',
    failure_reason: 'internal_error',
    stderr: INTERNAL_ERROR_MESSAGE,
    attempts: 1,
  })
})

t.test('a platform failure on the last allowed start ends the run too, whatever the job’s tries', async (t) => {
  const { id } = await insertQueuedExecution(db)
  const error = await handleExecutionJob(job(id, 1, 5), deps({ maxStarts: 1 })).catch((e) => e)
  t.type(error, UnrecoverableError)
  t.match(await findExecution(db, id), { status: 'FAILED', failure_reason: 'internal_error' })
})

t.test('a run whose starts are spent is ended without being started again', async (t) => {
  const { id } = await insertQueuedExecution(db)
  await markRunning(db, id, 'engine-a')
  await db.updateTable('executions').set({ attempts: 3 }).where('id', '=', id).execute()
  const error = await handleExecutionJob(job(id, 1, 5), deps()).catch((e) => e)
  t.type(error, UnrecoverableError)
  t.match(await findExecution(db, id), { status: 'FAILED', failure_reason: 'internal_error', attempts: 3 })
})

t.test('a job for a run already terminal changes nothing', async (t) => {
  const { id } = await insertQueuedExecution(db)
  await db.updateTable('executions').set({ status: 'COMPLETED', stdout: 'done' }).where('id', '=', id).execute()
  await handleExecutionJob(job(id, 1, 3), deps())
  t.match(await findExecution(db, id), { status: 'COMPLETED', stdout: 'done', attempts: 0 })
})

t.test('a job whose row never appears fails retryably', async (t) => {
  const error = await handleExecutionJob(job(randomUUID(), 1, 3), deps()).catch((e) => e)
  t.match(error, { name: 'ExecutionNotVisibleError' })
})

t.test('a successful run writes its outcome for its start and leaves no container', async (t) => {
  const { id } = await insertQueuedExecution(db, 'print("from the handler")')
  const handlerDeps = deps({ docker: createDockerClient() })
  await handleExecutionJob(job(id, 1, 3), handlerDeps)
  t.match(await findExecution(db, id), {
    status: 'COMPLETED',
    stdout: 'from the handler\n',
    exit_code: 0,
    attempts: 1,
    engine_id: 'engine-a',
  })
  t.strictSame(sandboxContainers({ workerId: handlerDeps.workerId }), [])
})

t.test('a take-over, on the same engine or another, runs again at once, as a new start', async (t) => {
  for (const engine of ['engine-a', 'another-engine']) {
    const { id } = await insertQueuedExecution(db, 'print("again")')
    await markRunning(db, id, engine)
    await handleExecutionJob(job(id, 1, 3), deps({ docker: createDockerClient() }))
    t.match(await findExecution(db, id), { status: 'COMPLETED', stdout: 'again\n', attempts: 2 }, engine)
  }
})
