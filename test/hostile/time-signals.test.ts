// Time and signals: the worker's wall-clock kill (Docker has no run timeout of its own), EOF on stdin, processes
// left behind after the main program exits (the runner, pid 1, ends them before it reports), and signal tricks
// (the kill is SIGKILL to the container; nothing inside can signal the runner under runc).
import t from 'tap'
import { underGvisor } from '../helpers/runtime.ts'
import { assertTimedOut, hostileFixture, LANGUAGES, type Language, startHostileSystem } from './helpers.ts'

// A C++ compile takes about 2 s under gVisor on a busy machine: there the wall clock must leave the program time to run.
const TIMEOUT_MS = underGvisor() ? 5000 : 2000
const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: String(TIMEOUT_MS) })

const busy: Record<Language, string> = {
  python: 'while True:\n    pass',
  javascript: 'for (;;) {}',
  cpp: 'int main() { for (volatile unsigned long i = 0;; i++) {} }',
}
const sleeping: Record<Language, string> = {
  python: 'import time\ntime.sleep(100000)',
  javascript: 'setTimeout(() => {}, 100_000_000)',
  cpp: '#include <unistd.h>\nint main() { for (;;) sleep(100000); }',
}
/** Reads stdin to its end and says so: with an empty stdin, EOF comes at once. */
const readStdin: Record<Language, string> = {
  python: 'import sys\ndata = sys.stdin.read()\nprint(f"eof after {len(data)} bytes")',
  javascript:
    "let n = 0\nprocess.stdin.on('data', (d) => { n += d.length })\nprocess.stdin.on('end', () => console.log('eof after ' + n + ' bytes'))",
  cpp: '#include <cstdio>\nint main() { long n = 0; while (std::getchar() != EOF) n++; std::printf("eof after %ld bytes\\n", n); }',
}
const files = (name: string): Record<Language, string> => ({
  python: `${name}.py`,
  javascript: `${name}.js`,
  cpp: `${name}.cpp`,
})

for (const language of LANGUAGES) {
  t.test(`${language} busy loop → TIMEOUT`, async (t) => {
    assertTimedOut(t, await system.run(language, busy[language]), TIMEOUT_MS)
    await system.afterwards(t, language)
  })
}

for (const language of LANGUAGES) {
  t.test(`${language} sleeping forever → TIMEOUT`, async (t) => {
    assertTimedOut(t, await system.run(language, sleeping[language]), TIMEOUT_MS)
    await system.afterwards(t, language)
  })
}

for (const language of LANGUAGES) {
  t.test(`${language} blocking on an empty stdin gets EOF and completes`, async (t) => {
    const execution = await system.run(language, readStdin[language], '')
    t.match(execution, { status: 'COMPLETED', stdout: 'eof after 0 bytes\n', exit_code: 0 })
    t.ok(execution.duration_ms < TIMEOUT_MS, `well before the wall clock (${execution.duration_ms} ms)`)
    await system.afterwards(t, language)
  })
}

for (const language of ['python', 'cpp'] as const) {
  t.test(`${language} waiting on a pipe it never closes → TIMEOUT`, async (t) => {
    const execution = await system.run(language, hostileFixture(language, files('wait_on_pipe')[language]))
    assertTimedOut(t, execution, TIMEOUT_MS)
    t.equal(execution.stdout, 'waiting\n')
    await system.afterwards(t, language)
  })
}

for (const language of LANGUAGES) {
  t.test(
    `${language} leaves processes in the background and exits: the run ends at once, nothing runs on`,
    async (t) => {
      const execution = await system.run(language, hostileFixture(language, files('background')[language]))
      // COMPLETED is the evidence that the run ended with its main program: had the runner waited for what was
      // left running, the wall clock would have ended it (TIMEOUT). The duration is not held to a tighter bound:
      // a JavaScript run that spawns took 1,038 ms under runc once in CI, on a loaded 2-core machine.
      t.match(execution, { status: 'COMPLETED', stdout: 'main exits\n', exit_code: 0 })
      t.ok(execution.duration_ms < TIMEOUT_MS, `ended with the main program (${execution.duration_ms} ms)`)
      await system.afterwards(t, language)
    },
  )
}

for (const language of LANGUAGES) {
  t.test(`${language} ignores SIGTERM (and every signal it can), then spins → TIMEOUT`, async (t) => {
    const execution = await system.run(language, hostileFixture(language, files('ignore_signals')[language]))
    if (language === 'cpp' && underGvisor()) {
      // The C++ one also sends SIGKILL to pid 1. Linux ignores that from inside the init's own pid namespace;
      // gVisor's kernel delivers it: the init dies, the container ends at once with 137, a death by the program's
      // own hand (below). Only its own run ends; nothing else is reachable.
      t.match(execution, { status: 'FAILED', failure_reason: 'runtime_error', exit_code: 137 })
      t.ok(execution.duration_ms < TIMEOUT_MS, `ended at once (${execution.duration_ms} ms)`)
    } else {
      assertTimedOut(t, execution, TIMEOUT_MS)
      t.match(execution.stdout, /^ignoring signals/)
    }
    await system.afterwards(t, language)
  })
}

// Verdicts on evidence: memory_limit only when the cgroup's OOM killer acted (the engine's OOMKilled flag). A program
// that kills itself, everything it can reach, or makes its supervisor kill it, failed by its own hand: 128 + n.
for (const language of LANGUAGES) {
  t.test(`${language} SIGKILLs every process it can, then itself → runtime_error, exit 137`, async (t) => {
    const execution = await system.run(language, hostileFixture(language, files('kill_everything')[language]))
    t.match(execution, { status: 'FAILED', failure_reason: 'runtime_error', exit_code: 137 })
    t.match(execution.stdout, /^(killing everything\n)?$/)
    await system.afterwards(t, language)
  })
}

for (const language of LANGUAGES) {
  t.test(`${language} SIGALRMs its supervisor, the runner → the wall clock ends it`, async (t) => {
    // The runner is pid 1, and Linux delivers nothing to a namespace's init from inside it unless the init
    // handles the signal: the program runs on, and the wall clock ends it. gVisor's kernel delivers it (as it
    // does SIGKILL, above): the runner dies of it, a death by the program's own hand. Never memory_limit.
    const execution = await system.run(language, hostileFixture(language, files('alarm_supervisor')[language]))
    if (underGvisor() && execution.status === 'FAILED')
      t.match(execution, { failure_reason: 'runtime_error', exit_code: 128 + 14 })
    else assertTimedOut(t, execution, TIMEOUT_MS)
    t.notMatch(execution.stdout, /still alive/)
    await system.afterwards(t, language)
  })
}

t.test(
  'python SIGSTOPs every process it can, its runner included, and runs on → TIMEOUT at the wall clock',
  async (t) => {
    const execution = await system.run('python', hostileFixture('python', 'stop_supervisor.py'))
    assertTimedOut(t, execution, TIMEOUT_MS)
    // Its runner (pid 1, its own timer) is the one other process there is. Linux takes the signal and drops it
    // (an init gets only the signals it handles); gVisor's kernel may stop it.
    t.match(
      execution.stdout,
      underGvisor() ? /^stopped: livecode-run; runner state [ST]\n/ : /^stopped: livecode-run; runner state S\n/,
    )
    await system.afterwards(t, 'python')
  },
)
