// A run the engine itself stops (an engine restart stops every container; here `docker kill -s TERM`, the same
// event the engine's own stop makes) is the platform's failure, not the program's runtime_error. The worker's own
// SIGKILL (time limit) and a program that SIGKILLs itself are no such evidence.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { EngineEvents } from '../../src/sandbox/engine-events.ts'
import { SandboxPlatformError } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const workerId = `test-engine-events-${randomUUID()}`
const events = await EngineEvents.start(docker, workerId)
t.teardown(() => events.close())
const options = { workerId, engineEvents: events }

t.test('a run killed by the engine (SIGTERM from outside) is a platform failure, to be retried', async (t) => {
  const req = request('python', 'import time\nprint("started", flush=True)\ntime.sleep(30)')
  const running = runInSandbox(docker, testSettings({ timeoutMs: 20_000 }), req, options).catch((e: unknown) => e)
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const [id] = sandboxContainers({ executionId: req.executionId })
    const state = id ? execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', id], { encoding: 'utf8' }) : ''
    if (id && state.trim() === 'true') {
      await sleep(500)
      execFileSync('docker', ['kill', '-s', 'TERM', id])
      break
    }
    await sleep(100)
  }
  const error = await running
  t.ok(error instanceof SandboxPlatformError, String(error))
  t.match(String(error), /killed the container/)
  t.strictSame(sandboxContainers({ executionId: req.executionId }), [])
})

t.test('the worker’s own SIGKILL at the time limit is not the platform’s: TIMEOUT', async (t) => {
  const outcome = await runInSandbox(
    docker,
    testSettings({ timeoutMs: 1500 }),
    request('python', 'import time\ntime.sleep(30)'),
    options,
  )
  t.match(outcome, { status: 'TIMEOUT' })
})

t.test('a program that SIGKILLs everything it can is its own runtime_error, not the platform’s', async (t) => {
  const outcome = await runInSandbox(
    docker,
    testSettings(),
    request('python', 'import os, signal\nos.kill(-1, signal.SIGKILL)\nos.kill(os.getpid(), signal.SIGKILL)'),
    options,
  )
  t.match(outcome, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 137 })
})
