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
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8')
    const anon = Number(/Anonymous:\s+(\d+)/.exec(rollup)?.[1] ?? 0) * 1024
    const spaces = getHeapSpaceStatistics()
      .filter((space) => space.space_size > 0)
      .map(
        (space) => `${space.space_name.replace('_space', '')}=${mib(space.space_size)}/${mib(space.space_used_size)}`,
      )
      .join(' ')
    process.stderr.write(
      `${new Date().toISOString().slice(11, 19)} ${name} memory rss=${mib(usage.rss)} heapTotal=${mib(usage.heapTotal)} heapUsed=${mib(usage.heapUsed)} ` +
        `external=${mib(usage.external)} arrayBuffers=${mib(usage.arrayBuffers)} anon=${mib(anon)} MiB; spaces (committed/used) ${spaces}\n`,
    )
  }, 10_000)
  timer.unref()
}
