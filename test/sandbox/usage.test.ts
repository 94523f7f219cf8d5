// Usage figures from the runner's cgroup report, against real containers. Needs images built by
// images/build.sh from this tree (their runner reports usage): IMAGE_PREFIX selects them.
import t from 'tap'
import { runInSandbox } from '../../src/sandbox/docker-runner.ts'
import { dockerClient, request, testSettings } from './helpers.ts'

const MiB = 1024 * 1024
const docker = dockerClient()
const settings = testSettings({ timeoutMs: 15_000, memoryBytes: 256 * MiB })

t.test('a one-second busy loop reports about 1000 ms of CPU', async (t) => {
  const source = 'import time\nwhile time.process_time() < 1.0:\n    pass\nprint("done")\n'
  const outcome = await runInSandbox(docker, settings, request('python', source))
  t.equal(outcome.status, 'COMPLETED')
  t.equal(outcome.stdout, 'done\n', 'the report is not part of the output')
  t.ok(
    outcome.cpuTimeMs !== null && outcome.cpuTimeMs >= 950 && outcome.cpuTimeMs <= 3000,
    `cpu_time_ms ${outcome.cpuTimeMs}`,
  )
  t.ok(outcome.peakMemoryBytes !== null && outcome.peakMemoryBytes > MiB, `peak ${outcome.peakMemoryBytes}`)
})

t.test('a program holding 100 MiB reports a peak above 100 MiB', async (t) => {
  const source = 'import time\nblock = b"x" * (100 * 1024 * 1024)\ntime.sleep(0.2)\nprint(len(block))\n'
  const outcome = await runInSandbox(docker, settings, request('python', source))
  t.equal(outcome.status, 'COMPLETED')
  t.ok(
    outcome.peakMemoryBytes !== null && outcome.peakMemoryBytes > 100 * MiB && outcome.peakMemoryBytes <= 256 * MiB,
    `peak_memory_bytes ${outcome.peakMemoryBytes}`,
  )
})

t.test('C++: the compile is counted; a failed compile reports too', async (t) => {
  // The program itself does next to nothing; <regex> takes g++ a while.
  const heavy = '#include <iostream>\n#include <regex>\nint main(){std::cout << "hi\\n";}'
  const hello = await runInSandbox(docker, settings, request('cpp', heavy))
  t.equal(hello.status, 'COMPLETED')
  t.ok(hello.cpuTimeMs !== null && hello.cpuTimeMs >= 200, `g++ and the program: ${hello.cpuTimeMs} ms`)
  const broken = await runInSandbox(docker, settings, request('cpp', 'int main( {'))
  t.equal(broken.failureReason, 'compile_error')
  t.ok(broken.cpuTimeMs !== null && broken.cpuTimeMs > 0, `the failed compile: ${broken.cpuTimeMs} ms`)
})

t.test('a forged report is only output; what the program left running ends before the real one', async (t) => {
  const forged = `import sys, subprocess\nsubprocess.Popen(["sh", "-c", "while :; do echo late; sleep 0.05; done"])\nsys.stdout.write("\\x1e${'ab'.repeat(16)} 1 1\\n")\nsys.stdout.write("\\x1e")\n`
  const outcome = await runInSandbox(docker, settings, request('python', forged))
  t.equal(outcome.status, 'COMPLETED')
  t.ok(outcome.cpuTimeMs !== 1 && outcome.cpuTimeMs !== null, `the real CPU time (${outcome.cpuTimeMs} ms), not 1`)
  t.not(outcome.peakMemoryBytes, 1)
  t.ok(outcome.stdout.includes(`\x1e${'ab'.repeat(16)} 1 1\n`), 'the forgery is kept as output')
  t.ok(outcome.stdout.endsWith('\x1e') || outcome.stdout.includes('late'), 'a lone separator is output too')
  const separated = outcome.stdout.split('\x1e').slice(1)
  t.ok(
    !separated.some((part) => /^[0-9a-f]{32} \d+ \d+\n/.test(part) && !part.startsWith('ab'.repeat(16))),
    'the real report (another nonce) is not in the output',
  )
})

t.test('a run killed at the wall clock has no report: usage unknown', async (t) => {
  const outcome = await runInSandbox(
    docker,
    testSettings({ timeoutMs: 1500 }),
    request('python', 'while True:\n    pass\n'),
  )
  t.equal(outcome.status, 'TIMEOUT')
  t.same([outcome.cpuTimeMs, outcome.peakMemoryBytes], [null, null])
})
