// `make bench`: LiveCode's speed and memory, each figure printed beside its baseline measured in the same run,
// on this machine's real PostgreSQL, Redis and Docker. The API and the worker are processes of their own.
// Flags (environment): BENCH_RUNS (sequential runs per language, mode and pacing, 20), BENCH_THROUGHPUT_RUNS (200
// per burst), BENCH_THROUGHPUT_ROUNDS (3), BENCH_CLIENTS (8), BENCH_SOAK_RUNS (5000; 0 skips), BENCH_RUNTIME_RUNS
// (10), BENCH_SSE_STREAMS (1000), BENCH_JUDGING_CASES (32), BENCH_JUDGING_ROUNDS (3), BENCH_LANGUAGE_RUNS (5),
// BENCH_LATENCY_LANGUAGES (python,javascript,cpp), BENCH_ONLY (comma-separated sections:
// latency,judging,throughput,takeover,runtimes,languages,sse,soak).
import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { LANGUAGE_IDS, type LanguageId } from '../../src/languages.ts'
import { Client, SessionPool, timeHello, type WaitMode } from './client.ts'
import { engineFloorRun } from './engine-floor.ts'
import { benchEnvironment } from './environment.ts'
import { measureJudging } from './judging.ts'
import { poolHits } from './pool-hits.ts'
import { type BenchProcess, type BenchWorker, startApiProcess, startWorkerProcess } from './processes.ts'
import { helloOf, timeBareDockerRun } from './programs.ts'
import { describeWarmUp, settledReadings, warmUpUntilLevel } from './soak.ts'
import { measureSseStreams } from './sse.ts'
import { formatMs, inParallel, mib, quantile } from './stats.ts'
import { measureTakeOver } from './take-over.ts'
import { type BurstResult, describeRatios, floorRates, measureBursts } from './throughput.ts'

function count(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${raw}`)
  return value
}

const RUNS = count('BENCH_RUNS', 20)
const THROUGHPUT_RUNS = count('BENCH_THROUGHPUT_RUNS', 200)
const THROUGHPUT_ROUNDS = count('BENCH_THROUGHPUT_ROUNDS', 3)
const CLIENTS = count('BENCH_CLIENTS', 8)
const SOAK_RUNS = count('BENCH_SOAK_RUNS', 5000)
const RUNTIME_RUNS = count('BENCH_RUNTIME_RUNS', 10)
const SSE_STREAMS = count('BENCH_SSE_STREAMS', 1000)
const JUDGING_CASES = count('BENCH_JUDGING_CASES', 32)
const JUDGING_ROUNDS = count('BENCH_JUDGING_ROUNDS', 3)
const LANGUAGE_RUNS = count('BENCH_LANGUAGE_RUNS', 5)
const LATENCY_LANGUAGES = (process.env.BENCH_LATENCY_LANGUAGES || 'python,javascript,cpp').split(',')
const SECTIONS = new Set(
  (process.env.BENCH_ONLY || 'latency,judging,throughput,takeover,runtimes,languages,sse,soak').split(','),
)
/** The soak's warm-up runs until RSS is level (soak.ts), at least and at most this many runs. */
const SOAK_WARM_UP = { minRuns: 1000, maxRuns: 5000 }
/**
 * The engine's floor under throughput is its best rate at the worker's default concurrency (2) and a little more,
 * since the warm pool creates containers beside the runs (three at a time has been this engine's best).
 */
const FLOOR_PARALLEL = [2, 3, 4]
/** The throughput goal: LiveCode's rate over the engine's floor in the same round. */
const FLOOR_GOAL = 0.95
/**
 * Sequential runs are timed two ways. Alone: each after this long idle, when the last run's container is removed
 * and the warm pool refilled (a user pressing Run). Back to back: each as soon as the last ended, sharing the
 * cores with that run's removal and refill (a script in a loop).
 */
const PACINGS = [
  { name: 'alone', idleMs: 300 },
  { name: 'back to back', idleMs: 0 },
] as const

const environment = await benchEnvironment()
const prefix = environment.imagePrefix
const processes: BenchProcess[] = []
const api = await startApiProcess({ ...environment.env, LOG_LEVEL: 'warn' })
processes.push(api)
let worker = await startWorker({})
const client = new Client(api.url)
const supportsWait = await client.supportsWait()
const modes: WaitMode[] = supportsWait ? ['wait', 'poll'] : ['poll']
const sessionsOf = (language: LanguageId) => new SessionPool(client, language, helloOf(language), 100)

async function startWorker(extra: Record<string, string>): Promise<BenchWorker> {
  const started = await startWorkerProcess({ ...environment.env, ...extra })
  processes.push(started)
  return started
}

/** `idleMs` before each run: 0 is back to back. */
async function times(n: number, one: () => Promise<number>, idleMs = 0): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < n; i++) {
    if (idleMs > 0) await sleep(idleMs)
    result.push(await one())
  }
  return result
}

const p = (values: number[]) => `p50 ${formatMs(quantile(values, 0.5))}, p95 ${formatMs(quantile(values, 0.95))}`
const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`
const modeName = (mode: WaitMode) => (mode === 'wait' ? '?wait=' : '5 ms polling')

console.log(`LiveCode bench on ${execFileSync('nproc').toString().trim()} cores, ${new Date().toISOString()}`)
console.log(
  `  one API process, one worker process (concurrency 2, runtime runc unless said); ` +
    `?wait= ${supportsWait ? 'supported' : 'not in this API: 5 ms polling only'}`,
)

try {
  if (SECTIONS.has('latency')) {
    console.log(
      `\nLatency: hello, POST /run → terminal state known to the client, ${RUNS} sequential runs each way: ` +
        `alone (${PACINGS[0].idleMs} ms idle before each run) and back to back`,
    )
    for (const language of LATENCY_LANGUAGES) {
      const sessions = sessionsOf(language)
      await timeHello(client, sessions, 'poll') // warm-up: the image's files into the page cache
      await timeBareDockerRun(prefix, language)
      const bare: { name: string; idleMs: number; median: number; line: string }[] = []
      for (const { name, idleMs } of PACINGS) {
        const bareTimes = await times(RUNS, () => timeBareDockerRun(prefix, language), idleMs)
        bare.push({ name, idleMs, median: quantile(bareTimes, 0.5), line: `${name} ${p(bareTimes)}` })
      }
      console.log(`  ${language.padEnd(10)} bare docker run --rm --network none: ${bare.map((b) => b.line).join('; ')}`)
      for (const mode of modes)
        for (const { name, idleMs, median: baseline } of bare) {
          const ours = await times(RUNS, () => timeHello(client, sessions, mode), idleMs)
          console.log(
            `  ${language.padEnd(10)} LiveCode, ${modeName(mode).padEnd(12)}, ${name.padEnd(12)}: ${p(ours)}  ` +
              `(${ratio(quantile(ours, 0.5), baseline)} the bare median ${name})`,
          )
        }
    }
  }

  if (SECTIONS.has('judging')) {
    console.log(
      `\nJudging: ${JUDGING_CASES} test cases in one run against ${JUDGING_CASES} separate runs (goal: Python ≥ 5×, C++ ≥ 10×)`,
    )
    for (const language of ['python', 'cpp'] as const)
      console.log(await measureJudging(client, language, JUDGING_CASES, JUDGING_ROUNDS))
  }

  if (SECTIONS.has('throughput')) {
    console.log(
      `\nThroughput: ${THROUGHPUT_RUNS} Python hello runs per burst, ${THROUGHPUT_ROUNDS} rounds (each in the reverse ` +
        `order of the last), each burst started on a quiet machine. The engine's floor is the best rate, in the same ` +
        `round, of the run's own container driven straight through the Docker API (no LiveCode, no docker CLI) ` +
        `${FLOOR_PARALLEL.join(', ')} at a time; engine CPU is dockerd + containerd + shims per run, from /proc`,
    )
    const sessions = sessionsOf('python')
    const mode = modes[0] as WaitMode
    const floorRun = engineFloorRun(environment.env, 'python')
    const [livecode, bare, ...floor] = await measureBursts(
      [
        {
          name: `LiveCode, ${CLIENTS} clients (${modeName(mode)})`,
          parallel: CLIENTS,
          one: () => timeHello(client, sessions, mode),
          timesShown: true,
        },
        { name: 'bare docker run --rm, 2 at a time', parallel: 2, one: () => timeBareDockerRun(prefix, 'python') },
        ...FLOOR_PARALLEL.map((parallel) => ({
          name: `engine floor, ${parallel} at a time`,
          parallel,
          one: floorRun,
        })),
      ],
      THROUGHPUT_RUNS,
      THROUGHPUT_ROUNDS,
    )
    if (!livecode || !bare) throw new Error('a throughput burst is missing')
    const floorRatesByRound = floorRates(floor)
    const describe = ({ burst, rates, times, engineCpuPerRun }: BurstResult) => {
      const perRound = rates.map((rate) => rate.toFixed(2)).join(', ')
      const latency = burst.timesShown ? `; each run ${p(times)}` : ''
      const cpu = `engine CPU ${engineCpuPerRun.map((ms) => ms.toFixed(1)).join(', ')} ms per run`
      return `  ${burst.name}: ${perRound} runs/s; ${describeRatios(rates, floorRatesByRound)} the floor; ${cpu}${latency}`
    }
    for (const burst of [bare, ...floor, livecode]) console.log(describe(burst))
    const achieved = quantile(
      livecode.rates.map((rate, round) => rate / (floorRatesByRound[round] ?? Number.NaN)),
      0.5,
    )
    const cpuOf = (bursts: BurstResult[]) =>
      quantile(
        bursts.flatMap((burst) => burst.engineCpuPerRun),
        0.5,
      ).toFixed(1)
    console.log(
      `  LiveCode at ${achieved.toFixed(2)}× the engine's floor (median of the rounds; goal ≥ ${FLOOR_GOAL}×): ` +
        `${achieved >= FLOOR_GOAL ? 'met' : 'NOT met'}; engine CPU ${cpuOf([livecode])} ms per run, the floor's ` +
        `${cpuOf(floor)} ms; LiveCode ${describeRatios(livecode.rates, bare.rates)} the bare docker run rate`,
    )
  }

  if (SECTIONS.has('takeover')) {
    console.log('\nTake-over: a worker SIGKILLed mid-run (default lock settings), a second worker up')
    const second = await startWorker({})
    const result = await measureTakeOver(client, environment.env.DATABASE_URL as string, [worker, second])
    console.log(
      `  killed → RUNNING again on the other worker: ${formatMs(result.runningAgainMs)}; ` +
        `→ terminal: ${formatMs(result.terminalMs)} (goal: running again within 20 s)`,
    )
    worker = result.survivor
  }

  if (SECTIONS.has('runtimes')) {
    const runtimes = JSON.stringify(
      JSON.parse(execFileSync('docker', ['info', '--format', '{{json .Runtimes}}']).toString()),
    )
    console.log(`\nRuntimes: Python hello, ${RUNTIME_RUNS} sequential runs each`)
    for (const runtime of ['runc', 'runsc']) {
      if (!runtimes.includes(`"${runtime}"`)) {
        console.log(`  ${runtime}: not registered with this Docker engine; skipped`)
        continue
      }
      await timeBareDockerRun(prefix, 'python', runtime)
      const bare = await times(RUNTIME_RUNS, () => timeBareDockerRun(prefix, 'python', runtime))
      console.log(`  ${runtime.padEnd(5)} bare docker run: ${p(bare)}`)
      for (const pool of ['0', '']) {
        await worker.stop()
        worker = await startWorker({ CONTAINER_RUNTIME: runtime, ...(pool === '' ? {} : { WARM_POOL_SIZE: pool }) })
        const sessions = sessionsOf('python')
        const label = `  ${runtime.padEnd(5)} LiveCode, pool ${pool === '0' ? 'off' : 'default'}`
        try {
          await timeHello(client, sessions, 'poll')
          const hitsBefore = await poolHits(worker)
          const ours = await times(RUNTIME_RUNS, () => timeHello(client, sessions, modes[0] as WaitMode))
          const hits = (await poolHits(worker)).minus(hitsBefore)
          console.log(
            `${label}: ${p(ours)} (${ratio(quantile(ours, 0.5), quantile(bare, 0.5))} the bare median` +
              `${pool === '0' ? '' : `; ${hits.describe()}`})`,
          )
        } catch (error) {
          console.log(`${label}: failed: ${(error as Error).message}`)
        }
      }
    }
    await worker.stop()
    worker = await startWorker({})
  }

  if (SECTIONS.has('languages')) {
    const runtimes = JSON.stringify(
      JSON.parse(execFileSync('docker', ['info', '--format', '{{json .Runtimes}}']).toString()),
    )
    console.log(
      `\nLanguages: hello (compile + run), ${LANGUAGE_RUNS} sequential runs each, POST /run → terminal state; ` +
        `the bare docker run compiles and runs the same hello in the same image`,
    )
    for (const runtime of ['runc', 'runsc']) {
      if (!runtimes.includes(`"${runtime}"`)) {
        console.log(`  ${runtime}: not registered with this Docker engine; skipped`)
        continue
      }
      await worker.stop()
      worker = await startWorker({ CONTAINER_RUNTIME: runtime })
      for (const language of LANGUAGE_IDS) {
        const sessions = sessionsOf(language)
        const label = `  ${runtime.padEnd(5)} ${language.padEnd(10)}`
        try {
          await timeHello(client, sessions, 'poll') // warm-up: the image's files into the page cache
          const bare = await times(LANGUAGE_RUNS, () => timeBareDockerRun(prefix, language, runtime))
          const ours = await times(LANGUAGE_RUNS, () => timeHello(client, sessions, modes[0] as WaitMode))
          console.log(`${label} LiveCode ${p(ours)}; bare docker run ${p(bare)}`)
        } catch (error) {
          console.log(`${label} failed: ${(error as Error).message}`)
        }
      }
    }
    await worker.stop()
    worker = await startWorker({})
  }

  if (SECTIONS.has('sse')) {
    console.log(`\nLive streams: ${SSE_STREAMS} open SSE streams on one API process`)
    if (!(await client.supportsEvents())) console.log('  GET /executions/{id}/events is not in this API; skipped')
    else {
      const result = await measureSseStreams(client, api, SSE_STREAMS, () => worker.stop())
      console.log(
        `  API RSS ${mib(result.before)} before, ${mib(result.open)} with ${result.streams} streams open ` +
          `(${((result.open - result.before) / result.streams / 1024).toFixed(1)} KiB per stream), ` +
          `${mib(result.after)} after they closed`,
      )
      worker = await startWorker({})
    }
  }

  if (SECTIONS.has('soak') && SOAK_RUNS > 0) {
    console.log(
      `\nMemory: RSS before and after a soak of ${SOAK_RUNS} Python hello runs (${CLIENTS} clients) ` +
        `after a warm-up of ${SOAK_WARM_UP.minRuns} to ${SOAK_WARM_UP.maxRuns} runs, until level; ` +
        'each read once the idle process has settled (V8 shrinks its heap a while after a burst)',
    )
    const sessions = sessionsOf('python')
    const mode = modes[0] as WaitMode
    const hellos = (count: number) => inParallel(count, CLIENTS, () => timeHello(client, sessions, mode))
    const measured = { worker, api }
    const warmUp = await warmUpUntilLevel(measured, hellos, SOAK_WARM_UP)
    for (const line of describeWarmUp(warmUp)) console.log(line)
    const hitsBefore = await poolHits(worker)
    // Read half-way too: a growth that is only a warm-up to a bound shows none in the second half.
    const half = Math.floor(SOAK_RUNS / 2)
    const before = warmUp.readings.at(-1) ?? (await settledReadings(measured))
    await hellos(half)
    const middle = await settledReadings(measured)
    await hellos(SOAK_RUNS - half)
    const after = await settledReadings(measured)
    const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mib(bytes)}`
    for (const name of ['worker', 'api'] as const) {
      const growth = after[name] - before[name]
      console.log(
        `  ${name.padEnd(6)} ${mib(before[name])} → ${mib(after[name])}: ${signed(growth)} ` +
          `(${(growth / SOAK_RUNS).toFixed(0)} bytes per run; goal under 5 MiB over 5,000 runs); ` +
          `${mib(middle[name])} half-way (second half ${signed(after[name] - middle[name])})`,
      )
    }
    console.log(`  warm pool during the soak: ${(await poolHits(worker)).minus(hitsBefore).describe()}`)
  }
} finally {
  for (const started of processes.reverse()) await started.stop()
  await environment.drop()
}
