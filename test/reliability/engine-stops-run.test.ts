// An engine that stops a run's container (what a stopping engine does to every container it runs) is the
// platform's failure: the run is retried and ends as its program does, never FAILED/runtime_error for a signal
// the program did not ask for.
import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { sandboxContainers, sandboxContainersAfterRemoval } from '../helpers/docker.ts'
import { startTestSystem, waitForTerminal } from '../helpers/system.ts'

t.test('a run whose container the engine stops is run again and completes', async (t) => {
  const system = await startTestSystem(t, { RUN_TIMEOUT_MS: '20000', JOB_BACKOFF_MS: '100', REAP_EVERY_MS: '3600000' })
  const created = await system.app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'import time\ntime.sleep(3)\nprint("done")' },
  })
  const run = await system.app.inject({ method: 'POST', url: `/code-sessions/${created.json().session_id}/run` })
  const executionId = run.json().execution_id
  let stopped = false
  const deadline = Date.now() + 30_000
  while (!stopped && Date.now() < deadline) {
    const [id] = sandboxContainers({ executionId })
    const running = id && execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', id], { encoding: 'utf8' })
    if (running && running.trim() === 'true') {
      await sleep(500)
      // `docker stop`: SIGTERM, as a stopping engine sends every container, then SIGKILL after the grace.
      execFileSync('docker', ['stop', '-t', '1', id])
      stopped = true
    } else await sleep(100)
  }
  t.ok(stopped, 'the first attempt’s container was stopped from outside')
  const execution = await waitForTerminal(system.app, executionId, 90_000)
  t.match(execution, { status: 'COMPLETED', stdout: 'done\n', exit_code: 0 })
  t.strictSame(await sandboxContainersAfterRemoval({ workerId: system.workerId }), [])
})
