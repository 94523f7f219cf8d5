// Regression test for a hole found while building this suite: a worker's leftover reaper once judged every sandbox
// container on the engine, checking the owner's heartbeat under its own queue name, so a live worker on another
// queue (another deployment, or any other test file) looked dead and its running containers were force-removed (the
// run ended as an unexplained FAILED/memory_limit). Fixed in 3289ea8 (worker ids name their queue); this keeps it so.
import t from 'tap'
import { waitForTerminal } from '../helpers/system.ts'
import { startHostileSystem } from './helpers.ts'

t.test('a worker starting on another queue does not kill this worker’s running sandbox', {}, async (t) => {
  const mine = await startHostileSystem(t, { RUN_TIMEOUT_MS: '4000' })
  const created = await mine.app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'import time\ntime.sleep(100)' },
  })
  const run = await mine.app.inject({ method: 'POST', url: `/code-sessions/${created.json().session_id}/run` })
  await new Promise((resolve) => setTimeout(resolve, 1500))
  // Another worker, on a queue of its own: its first reap runs as it starts.
  await startHostileSystem(t, { REAP_EVERY_MS: '1000' })
  const execution = await waitForTerminal(mine.app, run.json().execution_id)
  t.match(
    execution,
    { status: 'TIMEOUT', failure_reason: null },
    `ended as ${execution.status}/${execution.failure_reason}`,
  )
})
