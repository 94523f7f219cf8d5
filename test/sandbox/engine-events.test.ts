// A run the engine itself stops (an engine restart stops every container; here `docker kill -s TERM`, the same
// event the engine's own stop makes) is the platform's failure, not the program's runtime_error. The worker's own
// SIGKILL (time limit) and a program that SIGKILLs itself are no such evidence.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type Docker from 'dockerode'
import t from 'tap'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { EngineEvents } from '../../src/sandbox/engine-events.ts'
import { SandboxPlatformError } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const workerId = `test-engine-events-${randomUUID()}`
const events = await EngineEvents.start(docker, workerId)
t.teardown(() => events.close())
const options = { workerId, engineEvents: events }

t.test('a run killed by the engine (SIGTERM from outside) is a platform failure, to be retried', async (t) => {
  const req = request('python', 'import time\nprint("started", flush=True)\ntime.sleep(30)')
  const running = runInSandbox(docker, testSettings({ timeoutMs: 20_000 }), req, options).catch((e: unknown) => e)
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const [id] = sandboxContainers({ executionId: req.executionId })
    const state = id ? execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', id], { encoding: 'utf8' }) : ''
    if (id && state.trim() === 'true') {
      await sleep(500)
      execFileSync('docker', ['kill', '-s', 'TERM', id])
      break
    }
    await sleep(100)
  }
  const error = await running
  t.ok(error instanceof SandboxPlatformError, String(error))
  t.match(String(error), /killed the container/)
  t.strictSame(sandboxContainers({ executionId: req.executionId }), [])
})

t.test('the worker’s own SIGKILL at the time limit is not the platform’s: TIMEOUT', async (t) => {
  const outcome = await runInSandbox(
    docker,
    testSettings({ timeoutMs: 1500 }),
    request('python', 'import time\ntime.sleep(30)'),
    options,
  )
  t.match(outcome, { status: 'TIMEOUT' })
})

t.test('a program that SIGKILLs everything it can is its own runtime_error, not the platform’s', async (t) => {
  const outcome = await runInSandbox(
    docker,
    testSettings(),
    // kill(-1) finds nobody to kill when the runner (pid 1, spared) is the only other process: ESRCH.
    request(
      'python',
      'import os, signal\ntry: os.kill(-1, signal.SIGKILL)\nexcept ProcessLookupError: pass\nos.kill(os.getpid(), signal.SIGKILL)',
    ),
    options,
  )
  t.match(outcome, { status: 'FAILED', failureReason: 'runtime_error', exitCode: 137 })
})

/** An engine whose event stream the test writes (and can break). */
function scriptedEngine() {
  const streams: PassThrough[] = []
  const docker = {
    getEvents: async () => {
      const stream = new PassThrough()
      streams.push(stream)
      return stream
    },
  } as unknown as Docker
  const send = (event: object) => streams.at(-1)?.write(`${JSON.stringify(event)}\n`)
  return { docker, streams, send }
}
const kill = (id: string, signal: string) => ({
  Type: 'container',
  Action: 'kill',
  Actor: { ID: id, Attributes: { signal } },
})
const die = (id: string) => ({ Type: 'container', Action: 'die', Actor: { ID: id, Attributes: { exitCode: '143' } } })

t.test('evidence from the event stream: whose kill it was, and a stream lost during the run', async (t) => {
  const engine = scriptedEngine()
  const watcher = await EngineEvents.start(engine.docker, 'w')
  t.teardown(() => watcher.close())
  for (const id of ['ours', 'engine', 'both', 'self']) watcher.watch(id)
  engine.send(kill('ours', '9'))
  engine.send(die('ours'))
  engine.send(kill('engine', '15'))
  engine.send(die('engine'))
  engine.send(kill('both', '15'))
  engine.send(kill('both', '9'))
  engine.send(die('both'))
  engine.send(die('self'))
  t.equal(await watcher.stoppedByPlatform('ours', true), null, 'the worker’s own SIGKILL')
  t.match(await watcher.stoppedByPlatform('engine', false), /killed the container/, 'SIGTERM from the engine')
  t.match(await watcher.stoppedByPlatform('both', true), /killed the container/, 'the engine’s, then ours')
  t.equal(await watcher.stoppedByPlatform('self', false), null, 'died by itself')

  watcher.watch('during-restart')
  engine.streams.at(-1)?.end()
  await sleep(50)
  t.match(await watcher.stoppedByPlatform('during-restart', false), /events were lost/, 'no evidence: retried')
  await sleep(1500)
  t.equal(engine.streams.length, 2, 'subscribed again')
  watcher.watch('after')
  engine.send(die('after'))
  t.equal(await watcher.stoppedByPlatform('after', false), null, 'runs after the new subscription are judged again')
})

t.test('a container’s exit is heard at its die event, even after the run is done with it', async (t) => {
  const engine = scriptedEngine()
  const watcher = await EngineEvents.start(engine.docker, 'w')
  t.teardown(() => watcher.close())
  t.equal(watcher.exitOf('unknown'), undefined, 'a container not watched: the engine must be asked')
  watcher.watch('reported')
  const exit = watcher.exitOf('reported')
  t.ok(exit, 'watched while the stream is up')
  let heard = false
  void exit?.then(() => {
    heard = true
  })
  watcher.forget('reported') // the run has its outcome from the runner; the container is still on its way out
  await sleep(50)
  t.notOk(heard, 'not before its die event')
  engine.send(die('reported'))
  await exit
  t.ok(heard, 'heard at its die event, after the run forgot it')
  t.equal(watcher.exitOf('reported'), undefined, 'then no longer watched')

  watcher.watch('never-started')
  watcher.forget('never-started') // its start failed: no die will come, only its removal
  engine.send({ Type: 'container', Action: 'destroy', Actor: { ID: 'never-started', Attributes: {} } })
  await sleep(50)
  t.equal(watcher.exitOf('never-started'), undefined, 'dropped at its removal: nothing is kept for it')

  watcher.watch('cut-off')
  engine.streams.at(-1)?.end()
  await sleep(50)
  t.equal(watcher.exitOf('cut-off'), undefined, 'the stream broke: its die may never come, so the engine is asked')
})

t.test('a run whose runner reports its end sends the engine no wait: its exit comes from the events', async (t) => {
  const counted = dockerClient()
  const paths: string[] = []
  const modem = counted.modem as unknown as { dial(options: { path?: string }, callback: unknown): unknown }
  const dial = modem.dial.bind(modem)
  modem.dial = (options, callback) => {
    paths.push(options.path ?? '')
    return dial(options, callback)
  }
  const req = request('python', 'print("hello")')
  const outcome = await runInSandbox(counted, testSettings(), req, options)
  t.match(outcome, { status: 'COMPLETED', stdout: 'hello\n' })
  t.ok(
    paths.some((path) => /^\/containers\/[0-9a-f]+\/start/.test(path)),
    'the engine was used through this client',
  )
  t.strictSame(
    paths.filter((path) => /\/wait(\?|$)/.test(path)),
    [],
    'no wait request',
  )
  t.strictSame(sandboxContainers({ executionId: req.executionId }), [], 'removed once out')
})
