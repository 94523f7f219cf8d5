import { randomUUID } from 'node:crypto'
import t from 'tap'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import type { InputFeed } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { waitFor } from '../helpers/wait.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const docker = dockerClient()
const workerId = `test-interactive-${randomUUID()}`
const settings = testSettings({ timeoutMs: 10_000 })

/** A feed the test drives by hand: what it writes reaches the program while it runs. */
function handFeed() {
  let stdin: { write(data: Buffer): void; end(): void } | undefined
  const feed: InputFeed = {
    open(opened) {
      stdin = opened
    },
  }
  return {
    feed,
    async send(text: string) {
      await waitFor('stdin to open', () => stdin !== undefined, 10_000, 20)
      stdin?.write(Buffer.from(text))
    },
    async end() {
      await waitFor('stdin to open', () => stdin !== undefined, 10_000, 20)
      stdin?.end()
    },
  }
}

t.afterEach(async () => {
  t.strictSame(sandboxContainers({ workerId }), [], 'no sandbox container left behind')
})

t.test('a program asks, the answer comes while it runs, it answers back', async (t) => {
  const hand = handFeed()
  let output = ''
  const source = 'name = input("name? ")\nprint(f"hello {name}", flush=True)\nprint(input())\n'
  const outcome = runInSandbox(
    docker,
    settings,
    { ...request('python', source, 'first line given\n'), interactive: true },
    { workerId, input: hand.feed, onOutput: (_stream, text) => (output += text) },
  )
  // The session's stdin comes first: the prompt is answered by it, then the program waits for more.
  await waitFor('the first answer', () => output.includes('hello first line given'), 10_000, 20)
  await hand.send('typed while it ran\n')
  const result = await outcome
  t.match(result, { status: 'COMPLETED', stdout: 'name? hello first line given\ntyped while it ran\n' })
})

t.test('eof closes the stdin: a program reading to the end finishes', async (t) => {
  const hand = handFeed()
  const source = 'import sys\ndata = sys.stdin.read()\nprint(len(data), repr(data[-3:]))\n'
  const outcome = runInSandbox(
    docker,
    settings,
    { ...request('python', source), interactive: true },
    { workerId, input: hand.feed },
  )
  await hand.send('x'.repeat(200_000))
  await hand.send('end')
  await hand.end()
  const result = await outcome
  t.match(result, { status: 'COMPLETED', stdout: "200003 'end'\n" }, 'more than a pipe holds, in order, then EOF')
})

t.test('without eof, a program waiting for input is stopped at the wall clock', async (t) => {
  const hand = handFeed()
  const short = { ...settings, limits: { ...settings.limits, timeoutMs: 1500 } }
  const result = await runInSandbox(
    docker,
    short,
    { ...request('python', 'input()\n'), interactive: true },
    { workerId, input: hand.feed },
  )
  t.equal(result.status, 'TIMEOUT')
})
