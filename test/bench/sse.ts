// The memory one API process spends on many open Server-Sent Events streams.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Client } from './client.ts'
import type { BenchProcess } from './processes.ts'

/** Streams share a few runs, as viewers of one run would. */
const STREAMS_PER_RUN = 100

export interface SseMemory {
  streams: number
  before: number
  open: number
  after: number
}

/** Opens a stream and reads until its first event, so the API has set it up; returns its abort. */
async function openStream(url: string): Promise<AbortController> {
  const abort = new AbortController()
  const response = await fetch(url, { signal: abort.signal })
  if (response.status !== 200 || !response.body) throw new Error(`events stream: ${response.status}`)
  const reader = response.body.getReader()
  const { done } = await reader.read()
  if (done) throw new Error('events stream ended at once: the run was not live')
  return abort
}

/**
 * Runs that stay QUEUED (no worker takes them: `stopWorkers` first) keep their streams open; the API's
 * RSS is read before, with every stream open, and after they are closed.
 */
export async function measureSseStreams(
  client: Client,
  api: BenchProcess & { url: string },
  streams: number,
  stopWorkers: () => Promise<void>,
): Promise<SseMemory> {
  await stopWorkers()
  const runs: string[] = []
  for (let i = 0; i < Math.ceil(streams / STREAMS_PER_RUN); i++)
    runs.push(await client.run(await client.session('python', 'print("hello")\n')))
  await sleep(1000)
  const before = api.rss()
  const aborts: AbortController[] = []
  for (let i = 0; i < streams; i += 50) {
    const batch = Array.from({ length: Math.min(50, streams - i) }, (_, j) =>
      openStream(`${api.url}/executions/${runs[(i + j) % runs.length]}/events`),
    )
    aborts.push(...(await Promise.all(batch)))
  }
  await sleep(1000)
  const open = api.rss()
  for (const abort of aborts) abort.abort()
  await sleep(2000)
  return { streams, before, open, after: api.rss() }
}
