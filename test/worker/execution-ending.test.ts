import type { Job } from 'bullmq'
import t from 'tap'
import type { ExecutionJobData } from '../../src/queue/executions-queue.ts'
import { afterPlatformFailure, jobGaveUp, startsSpent } from '../../src/worker/execution-ending.ts'

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
