// Preloaded into a process (heap-hunt.ts, or NODE_OPTIONS=--import=…): logs where its memory is every 10 s, to stderr.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { getHeapSpaceStatistics } from 'node:v8'
import { isMainThread } from 'node:worker_threads'

if (isMainThread) {
  const mib = (bytes: number) => Math.round(bytes / 2 ** 10) / 1024
  const name = process.env.PROBE_NAME ?? `${path.basename(process.argv[1] ?? '')}:${process.pid}`
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    const { anon, brkHeap, v8Pages } = residentByMapping()
    const spaces = getHeapSpaceStatistics()
      .filter((space) => space.space_size > 0)
      .map(
        (space) => `${space.space_name.replace('_space', '')}=${mib(space.space_size)}/${mib(space.space_used_size)}`,
      )
      .join(' ')
    process.stderr.write(
      `${new Date().toISOString().slice(11, 19)} ${name} memory rss=${mib(usage.rss)} heapTotal=${mib(usage.heapTotal)} heapUsed=${mib(usage.heapUsed)} ` +
        `external=${mib(usage.external)} arrayBuffers=${mib(usage.arrayBuffers)} anon=${mib(anon)} brkHeap=${mib(brkHeap)} v8Pages=${mib(v8Pages)} MiB; spaces (committed/used) ${spaces}\n`,
    )
  }, 10_000)
  timer.unref()
}

/**
 * From one read of /proc/self/smaps: all anonymous memory, and the resident bytes of two kinds of mapping: glibc's
 * main heap (`[heap]`, native memory of the main thread), and nameless 256 KiB mappings, which are V8's heap pages
 * (those it uses and those it keeps pooled beyond `heapTotal`).
 */
function residentByMapping(): { anon: number; brkHeap: number; v8Pages: number } {
  let anon = 0
  let brkHeap = 0
  let v8Pages = 0
  let kind: 'brk' | 'v8' | undefined
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (mapping) {
      const size = Number.parseInt(mapping[2] as string, 16) - Number.parseInt(mapping[1] as string, 16)
      const name = mapping[3]
      kind = name === '[heap]' ? 'brk' : name === '' && size === 256 * 1024 ? 'v8' : undefined
    } else if (line.startsWith('Anonymous:')) {
      anon += Number(/\d+/.exec(line)?.[0] ?? 0) * 1024
    } else if (kind !== undefined && line.startsWith('Rss:')) {
      const bytes = Number(/\d+/.exec(line)?.[0] ?? 0) * 1024
      if (kind === 'brk') brkHeap += bytes
      else v8Pages += bytes
      kind = undefined
    }
  }
  return { anon, brkHeap, v8Pages }
}
