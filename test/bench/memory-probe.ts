// Preloaded into a process by heap-hunt.ts (--import): logs where its memory is every 10 s, to stderr.
import { readFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'

if (isMainThread) {
  const mib = (bytes: number) => Math.round(bytes / 2 ** 10) / 1024
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8')
    const anon = Number(/Anonymous:\s+(\d+)/.exec(rollup)?.[1] ?? 0) * 1024
    process.stderr.write(
      `${process.env.PROBE_NAME ?? process.pid} memory rss=${mib(usage.rss)} heapTotal=${mib(usage.heapTotal)} heapUsed=${mib(usage.heapUsed)} ` +
        `external=${mib(usage.external)} arrayBuffers=${mib(usage.arrayBuffers)} anon=${mib(anon)} MiB\n`,
    )
  }, 10_000)
  timer.unref()
}
