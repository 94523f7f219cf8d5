// The outcome is handed over (and written, by the job handler) while the container still exists: a removal that
// hangs or fails can never hold it up. The container is removed after, whatever the hand-over did.
import t from 'tap'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { type SandboxOutcome, SandboxPlatformError } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()

t.test('record gets the outcome while the container exists; the container is gone after', async (t) => {
  const req = request('python', 'print("kept")')
  let seen: { outcome: SandboxOutcome; containers: string[] } | undefined
  const outcome = await runInSandbox(docker, testSettings(), req, {
    record: async (outcome) => {
      seen = { outcome, containers: sandboxContainers({ executionId: req.executionId }) }
    },
  })
  t.match(outcome, { status: 'COMPLETED', stdout: 'kept\n' })
  t.equal(seen?.outcome, outcome, 'the same outcome')
  t.equal(seen?.containers.length, 1, 'the container still existed while the outcome was recorded')
  t.strictSame(sandboxContainers({ executionId: req.executionId }), [], 'removed after')
})

t.test(
  'a failing record passes its own error on (not a platform failure); the container is still removed',
  async (t) => {
    const req = request('python', 'print(1)')
    const error = await runInSandbox(docker, testSettings(), req, {
      record: async () => {
        throw new Error('database gone for good')
      },
    }).catch((e: unknown) => e)
    t.ok(error instanceof Error && !(error instanceof SandboxPlatformError), String(error))
    t.match(error, { message: 'database gone for good' })
    t.strictSame(sandboxContainers({ executionId: req.executionId }), [])
  },
)

t.test('a run cancelled before it started is recorded too', async (t) => {
  const cancel = new AbortController()
  cancel.abort()
  const recorded: SandboxOutcome[] = []
  const outcome = await runInSandbox(docker, testSettings(), request('python', 'print(1)'), {
    cancel: cancel.signal,
    record: async (outcome) => {
      recorded.push(outcome)
    },
  })
  t.match(outcome, { status: 'FAILED', failureReason: 'cancelled' })
  t.strictSame(recorded, [outcome])
})
