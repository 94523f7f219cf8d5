import http from 'node:http'

export interface ReceivedEvent {
  id: string | undefined
  event: string
  data: any
  /** ms since the subscription opened */
  at: number
}

/** A Server-Sent Events subscription as a client sees it: the events so far, comments counted, the end. */
export interface SseSubscription {
  status: number
  events: ReceivedEvent[]
  comments: number
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  /** Resolves with the first event (from the start) that matches, or rejects after `timeoutMs`. */
  waitFor(predicate: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>
  close(): void
}

/** Opens `GET {baseUrl}{path}` as an event stream (what `curl -N` or EventSource do). */
export function subscribe(baseUrl: string, path: string, lastEventId?: string): Promise<SseSubscription> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId
    const request = http.get(new URL(path, baseUrl), { headers }, (response) => {
      const events: ReceivedEvent[] = []
      const listeners = new Set<() => void>()
      const ended = new Promise<void>((done) => {
        response.on('end', done)
        response.on('close', done)
        response.on('error', () => done())
      })
      const subscription: SseSubscription = {
        status: response.statusCode ?? 0,
        events,
        comments: 0,
        ended,
        waitFor(predicate, timeoutMs = 30_000) {
          return new Promise((found, fail) => {
            const check = (): boolean => {
              const match = events.find(predicate)
              if (!match) return false
              clearTimeout(timer)
              listeners.delete(listener)
              found(match)
              return true
            }
            const listener = (): void => void check()
            const timer = setTimeout(() => {
              listeners.delete(listener)
              fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`))
            }, timeoutMs)
            if (!check()) listeners.add(listener)
            void ended.then(() => {
              if (listeners.has(listener) && !check()) {
                clearTimeout(timer)
                listeners.delete(listener)
                fail(new Error(`stream ended without a matching event; got ${JSON.stringify(events)}`))
              }
            })
          })
        },
        close: () => request.destroy(),
      }
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.startsWith(':')) {
            subscription.comments++
            continue
          }
          const fields: Record<string, string> = {}
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':')
            fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '')
          }
          let data: unknown = fields.data
          try {
            data = JSON.parse(fields.data ?? '')
          } catch {}
          events.push({ id: fields.id, event: fields.event ?? 'message', data, at: Date.now() - started })
        }
        for (const listener of [...listeners]) listener()
      })
      resolve(subscription)
    })
    request.on('error', reject)
  })
}

/** The text of every `stdout` (or `stderr`) event, joined. */
export function streamedText(events: ReceivedEvent[], stream: 'stdout' | 'stderr'): string {
  return events
    .filter((event) => event.event === stream)
    .map((event) => event.data.data)
    .join('')
}
