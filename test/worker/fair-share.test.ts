// Fair share with a real worker: one client's backlog holds another client's run back by about one run.
import t from 'tap'
import { startTestSystem, waitForTerminal } from '../helpers/system.ts'

const HEAVY = '127.0.0.2'
const LIGHT = '127.0.0.3'
const BACKLOG = 6

t.test("another client's run goes after at most one run of a client with a backlog", async (t) => {
  // One sandbox slot, so the order in which runs start is the order of the queue.
  const { app } = await startTestSystem(t, { WORKER_CONCURRENCY: '1', RUNS_PER_MINUTE: '100' })
  const session = async (ip: string, source: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/code-sessions',
      payload: { language: 'python', source_code: source },
      remoteAddress: ip,
    })
    return response.json().session_id as string
  }
  const run = async (ip: string, sessionId: string) => {
    const response = await app.inject({ method: 'POST', url: `/code-sessions/${sessionId}/run`, remoteAddress: ip })
    t.equal(response.statusCode, 202)
    return response.json().execution_id as string
  }
  const heavySession = await session(HEAVY, 'import time\ntime.sleep(1.5)\n')
  const heavy: string[] = []
  for (let i = 0; i < BACKLOG; i++) heavy.push(await run(HEAVY, heavySession))
  const light = await run(LIGHT, await session(LIGHT, 'print("light")'))

  const lightDone = await waitForTerminal(app, light, 120_000)
  t.equal(lightDone.status, 'COMPLETED')
  const heavyDone = await Promise.all(heavy.map((id) => waitForTerminal(app, id, 120_000)))
  const lightStart = Date.parse(lightDone.started_at)
  const heavyBefore = heavyDone.filter((e) => Date.parse(e.started_at) < lightStart).length
  t.ok(
    heavyBefore <= 1,
    `${heavyBefore} of the ${BACKLOG} earlier runs started before it (first in, first out: all ${BACKLOG})`,
  )
  t.comment(`the light client's run waited ${lightStart - Date.parse(lightDone.queued_at)} ms`)
})
