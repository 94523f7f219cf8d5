import type { FastifyInstance, FastifyReply } from 'fastify'
import { findExecution } from '../db/executions-repository.ts'
import { testCasesOf } from '../db/test-cases-repository.ts'
import type { Execution } from '../db/types.ts'
import { eventStreamKey } from '../events/keys.ts'
import { nextStreamId, type StreamEntry } from '../events/live-event.ts'
import { isTerminalStatus } from '../execution-states.ts'
import { ApiError } from './errors.ts'
import { presentExecution } from './presenters.ts'
import { SseStream } from './sse.ts'

/**
 * Serves one client's `GET /executions/{id}/events`: the current status first, then the run's stream from
 * `after` on (its past, then live), then the terminal status and `done` once PostgreSQL says the run ended.
 * Event ids are the Redis Stream's; the ones the API adds after the stream's last entry continue its sequence.
 */
export async function serveRunEvents(
  app: FastifyInstance,
  reply: FastifyReply,
  executionId: string,
  after: string,
): Promise<void> {
  let ended: (() => void) | undefined
  let endedMeanwhile = false
  // Watching starts before the row is read, so an end in between is not missed.
  const stopWatching = app.terminalNotifications.watch(executionId, () => {
    if (ended) ended()
    else endedMeanwhile = true
  })
  let row: Execution | undefined
  try {
    row = await findExecution(app.db, executionId)
  } catch (error) {
    stopWatching()
    throw error
  }
  if (!row) {
    stopWatching()
    throw new ApiError('not_found', `execution ${executionId} not found`)
  }

  const sse = new SseStream(reply)
  app.eventStreams.add(sse)
  let lastId = after
  let lastStatus = row.status
  sse.send(lastId, 'status', { status: row.status })
  if (isTerminalStatus(row.status)) {
    sse.send(nextStreamId(lastId), 'done', presentExecution(row, await testCasesOf(app.db, row)))
    app.eventStreams.delete(sse)
    stopWatching()
    sse.end()
    return
  }

  const send = (entries: StreamEntry[]): void => {
    for (const entry of entries) {
      if (entry.event === 'status') {
        const { status } = JSON.parse(entry.data) as { status: Execution['status'] }
        // The status sent first may already be this one (a replay repeats it).
        if (status === lastStatus) {
          lastId = entry.id
          continue
        }
        lastStatus = status
      }
      sse.send(entry.id, entry.event, entry.data)
      lastId = entry.id
    }
  }
  const key = eventStreamKey(app.config.QUEUE_NAME, executionId)
  const subscription = app.streamHub.follow(key, after, send)
  sse.onEnd(() => {
    app.eventStreams.delete(sse)
    subscription.close()
    stopWatching()
  })

  let finishing = false
  ended = () => {
    if (finishing || sse.ended) return
    finishing = true
    void finish().catch((error) => {
      app.log.warn({ err: error, executionId }, 'event stream ended without done')
      sse.end()
    })
  }
  const finish = async (): Promise<void> => {
    const current = await findExecution(app.db, executionId)
    if (!current || !isTerminalStatus(current.status)) {
      finishing = false // a reconnection's look-again: not over yet
      return
    }
    const cases = await testCasesOf(app.db, current)
    subscription.close()
    // The worker put all output on the stream before it wrote the end: what the hub has not brought yet.
    const rest = await app.streamHub.readAfter(key, lastId).catch(() => [])
    send(rest)
    if (current.status !== lastStatus) sse.send(nextStreamId(lastId, 1), 'status', { status: current.status })
    sse.send(nextStreamId(lastId, 2), 'done', presentExecution(current, cases))
    sse.end()
  }
  if (endedMeanwhile) ended()
}
