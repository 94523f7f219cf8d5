// The Docker engine fails the run (here: the worker's images do not exist): the run is retried with
// backoff on the platform's account, then ended FAILED/internal_error, never left stuck.
import t from 'tap'
import { INTERNAL_ERROR_MESSAGE } from '../../src/execution-states.ts'
import { assertAllSettled, startRig, waitTerminal } from './helpers.ts'

t.test('Docker errors: retried with backoff, then internal_error after JOB_ATTEMPTS tries', async (t) => {
  const rig = await startRig(t, { env: { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '200' } })
  rig.worker({ IMAGE_PREFIX: 'livecode-missing' })
  const sessionId = await rig.session('print("never runs")')
  const { executionId } = await rig.run(sessionId)
  if (!executionId) throw new Error('run not accepted')

  const execution = await waitTerminal(rig.db, executionId, 60_000)
  t.match(execution, {
    status: 'FAILED',
    failure_reason: 'internal_error',
    stderr: INTERNAL_ERROR_MESSAGE,
    stdout: '',
    exit_code: null,
    attempts: 2,
  })
  const job = await rig.app.executionsQueue.getJob(executionId)
  t.equal(job?.attemptsMade, 2, 'BullMQ tried the job twice')
  t.ok(job?.processedOn && job.timestamp && job.processedOn - job.timestamp >= 200, 'the second try waited its backoff')
  await assertAllSettled(t, rig.db, rig.accepted)
})
