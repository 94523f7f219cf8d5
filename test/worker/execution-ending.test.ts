import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Job } from 'bullmq'
import { pino } from 'pino'
import t from 'tap'
import { findExecution, markRunning } from '../../src/db/executions-repository.ts'
import type { ExecutionJobData } from '../../src/queue/executions-queue.ts'
import {
  afterPlatformFailure,
  endCancelledWhileQueued,
  jobGaveUp,
  startsSpent,
} from '../../src/worker/execution-ending.ts'
import { createTestDatabase, insertQueuedExecution } from '../helpers/database.ts'

t.test('a platform failure is retried while both the job’s tries and the run’s starts last', async (t) => {
  t.equal(afterPlatformFailure({ jobTry: 1, jobTries: 3, start: 1, maxStarts: 3 }), 'retry')
  t.equal(afterPlatformFailure({ jobTry: 2, jobTries: 3, start: 2, maxStarts: 3 }), 'retry')
  t.equal(afterPlatformFailure({ jobTry: 3, jobTries: 3, start: 1, maxStarts: 5 }), 'end', 'the job’s last try')
  t.equal(afterPlatformFailure({ jobTry: 1, jobTries: 5, start: 3, maxStarts: 3 }), 'end', 'the run’s last start')
})

t.test('starts are spent at the cap', async (t) => {
  t.equal(startsSpent(2, 3), false)
  t.equal(startsSpent(3, 3), true)
  t.equal(startsSpent(4, 3), true)
})

t.test('BullMQ gave up on a job once it finished failed or its tries are spent', async (t) => {
  const job = (attemptsMade: number, finishedOn?: number) =>
    ({ attemptsMade, finishedOn, opts: { attempts: 3 } }) as Job<ExecutionJobData>
  t.equal(jobGaveUp(job(1)), false, 'a retry is coming')
  t.equal(jobGaveUp(job(3)), true, 'tries spent')
  t.equal(jobGaveUp(job(1, Date.now())), true, 'unrecoverable, or stalled too often')
})

t.test('a queued run cancelled ends FAILED/cancelled at once, in one log line; others are left alone', async (t) => {
  const { db } = await createTestDatabase(t)
  const lines: string[] = []
  const logger = pino({}, { write: (line: string) => void lines.push(JSON.parse(line).msg) })
  const ending = { db, logger }
  const queued = await insertQueuedExecution(db)
  const ended = await endCancelledWhileQueued(ending, queued.id)
  t.match(ended, { id: queued.id, status: 'FAILED', failure_reason: 'cancelled', duration_ms: null })
  t.ok(ended?.finished_at, 'it has its end time')
  t.strictSame(lines, ['execution ended: cancelled while queued'])
  t.equal(await endCancelledWhileQueued(ending, queued.id), undefined, 'a run that has ended is not ended again')

  const running = await insertQueuedExecution(db)
  await markRunning(db, running.id, 'engine')
  t.equal(await endCancelledWhileQueued(ending, running.id), undefined, 'a running run is its holder’s to end')
  t.match(await findExecution(db, running.id), { status: 'RUNNING', failure_reason: null })
  t.equal(lines.length, 1)
})

t.test('execution-ending.ts is the only caller of the terminal writes', async (t) => {
  const src = join(import.meta.dirname, '../../src')
  const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts'))
  const writers = ['markFinished', 'markInternalError', 'markRequeued', 'cancelQueued']
  const callers: string[] = []
  for (const file of files) {
    if (file === join('db', 'executions-repository.ts')) continue
    const text = await readFile(join(src, file), 'utf8')
    if (writers.some((writer) => new RegExp(`\\b${writer}\\(`).test(text))) callers.push(file)
  }
  t.strictSame(callers, [join('worker', 'execution-ending.ts')])
})
