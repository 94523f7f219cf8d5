import { randomUUID } from 'node:crypto'
import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { sandboxSettingsFrom } from '../../src/sandbox/settings-from-config.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { dockerClient, request } from './helpers.ts'

t.test('a busy loop is killed at the real default limit of 30 s', async (t) => {
  const config = loadConfig({})
  const settings = sandboxSettingsFrom(config)
  t.equal(settings.limits.timeoutMs, 30_000)
  const workerId = `test-default-timeout-${randomUUID()}`
  const outcome = await runInSandbox(dockerClient(), settings, request('python', 'while True:\n    pass'), { workerId })
  t.match(outcome, { status: 'TIMEOUT', failureReason: null, exitCode: null, stdout: '', stderr: '' })
  t.ok(outcome.durationMs >= 30_000, `durationMs ${outcome.durationMs} >= 30000`)
  t.ok(outcome.durationMs < 40_000, `durationMs ${outcome.durationMs} < 40000`)
  t.strictSame(sandboxContainers({ workerId: workerId }), [], 'no sandbox container left behind')
})
