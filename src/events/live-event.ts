import type { TestResult } from '../api/schemas/executions.ts'
import type { ExecutionStatus } from '../execution-states.ts'

/** What travels on a run's event stream: the SSE event name and its JSON data, exactly as clients get them. */
export type LiveEvent =
  | { event: 'status'; data: { status: ExecutionStatus } }
  | { event: 'stdout' | 'stderr' | 'stdin'; data: { data: string } }
  | { event: 'case'; data: TestResult }

/** One entry read back from a stream: its id (the SSE `id:`), the event name and the data as JSON text. */
export interface StreamEntry {
  id: string
  event: string
  data: string
}

/** Stream entries are flat field lists: `e` the event name, `d` the JSON data. */
export function toFields(event: LiveEvent): string[] {
  return ['e', event.event, 'd', JSON.stringify(event.data)]
}

export function fromFields(id: string, fields: string[]): StreamEntry {
  let event = ''
  let data = '{}'
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'e') event = fields[i + 1] as string
    else if (fields[i] === 'd') data = fields[i + 1] as string
  }
  return { id, event, data }
}

const STREAM_ID = /^\d{1,20}-\d{1,20}$/

/** A Redis Stream id as `Last-Event-ID` carries it (`<ms>-<seq>`). */
export function isStreamId(value: string): boolean {
  return STREAM_ID.test(value)
}

/** Orders two stream ids (numerically, part by part). */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt)
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt)
  if (aMs !== bMs) return aMs < bMs ? -1 : 1
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1
  return 0
}

/** The id `steps` after `id` in the same millisecond: ids for the events the API adds after the stream's last. */
export function nextStreamId(id: string, steps = 1): string {
  const [ms = '0', seq = '0'] = id.split('-')
  return `${ms}-${BigInt(seq) + BigInt(steps)}`
}
