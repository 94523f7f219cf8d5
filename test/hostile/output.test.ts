// Output floods and unusual bytes: the worker counts every byte, keeps at most the cap of each stream, kills the
// run when a stream goes over it, and stores any byte sequence as valid text the API returns as valid JSON.
import t, { type Test } from 'tap'
import { type Execution, hostileFixture, LANGUAGES, type Language, startHostileSystem } from './helpers.ts'

const CAP = 4096
const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: '5000', OUTPUT_LIMIT_BYTES: String(CAP) })

/** Endless output on one stream, in each language. */
const flood: Record<Language, (stream: 'stdout' | 'stderr') => [string, string]> = {
  python: (stream) => [`import sys\nwhile True:\n    sys.${stream}.write("x" * 1000)`, ''],
  javascript: (stream) => [
    `const go = () => { while (process.${stream}.write('x'.repeat(1000))); process.${stream}.once('drain', go) }\ngo()`,
    '',
  ],
  cpp: (stream) => [hostileFixture('cpp', 'flood.cpp'), `${stream}\n`],
}

/** The API's own bytes for this execution are valid UTF-8 and valid JSON, and agree with what the poll returned. */
async function assertApiBodyIsClean(t: Test, execution: Execution): Promise<void> {
  const response = await system.app.inject({ method: 'GET', url: `/executions/${execution.execution_id}` })
  t.equal(response.statusCode, 200)
  const text = new TextDecoder('utf-8', { fatal: true }).decode(response.rawPayload)
  const body = JSON.parse(text)
  t.equal(body.stdout, execution.stdout)
  t.equal(body.stderr, execution.stderr)
  t.notOk((body.stdout + body.stderr).includes('\u0000'), 'no NUL reaches the stored text')
}

for (const language of LANGUAGES) {
  for (const stream of ['stdout', 'stderr'] as const) {
    const other = stream === 'stdout' ? 'stderr' : 'stdout'
    t.test(`${language} floods ${stream}: FAILED/output_limit, exactly the cap kept`, async (t) => {
      const [source, stdin] = flood[language](stream)
      const execution = await system.run(language, source, stdin)
      t.match(execution, {
        status: 'FAILED',
        failure_reason: 'output_limit',
        exit_code: null,
        [`${stream}_truncated`]: true,
        [`${other}_truncated`]: false,
      })
      t.equal(execution[stream], 'x'.repeat(CAP), `the first ${CAP} bytes of ${stream}, not one more`)
      t.equal(execution[other], '')
      t.ok(
        execution.duration_ms < 5000,
        `killed when the cap was crossed, not at the wall clock (${execution.duration_ms} ms)`,
      )
      await system.afterwards(t, language)
    })
  }
}

t.test('one huge line without a newline, then silence: cut at the cap, killed at once', async (t) => {
  const execution = await system.run(
    'javascript',
    "process.stdout.write('y'.repeat(10 * 1024 * 1024))\nsetInterval(() => {}, 1000)",
  )
  t.match(execution, { status: 'FAILED', failure_reason: 'output_limit', stdout_truncated: true })
  t.equal(execution.stdout, 'y'.repeat(CAP))
  t.ok(execution.duration_ms < 5000, 'killed when the cap was crossed, not at the wall clock')
  await system.afterwards(t, 'javascript')
})

t.test('binary output (every byte value): stored as valid text, printable ASCII intact', async (t) => {
  const execution = await system.run(
    'python',
    'import sys\nsys.stdout.buffer.write(bytes(range(256)) * 4)\nsys.stderr.buffer.write(bytes(range(255, -1, -1)))',
  )
  t.match(execution, { status: 'COMPLETED', stdout_truncated: false, stderr_truncated: false })
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')
  t.ok(execution.stdout.includes(printable), 'bytes 0x20..0x7e come back as themselves')
  t.ok(execution.stdout.includes('\uFFFD'), 'bytes that are not UTF-8 come back as U+FFFD')
  t.ok(execution.stderr.includes('\uFFFD'))
  await assertApiBodyIsClean(t, execution)
  await system.afterwards(t, 'python')
})

t.test('NUL bytes on both streams are stored as U+FFFD', async (t) => {
  const execution = await system.run('cpp', hostileFixture('cpp', 'nul_bytes.cpp'))
  t.match(execution, { status: 'COMPLETED', stdout: 'a\uFFFDb\uFFFD\uFFFDc\n', stderr: '\uFFFDerr\uFFFD\n' })
  await assertApiBodyIsClean(t, execution)
  await system.afterwards(t, 'cpp')
})

t.test('invalid UTF-8 (stray continuation, bad lead, overlong, surrogate) is stored as U+FFFD', async (t) => {
  const execution = await system.run(
    'javascript',
    'process.stdout.write(Buffer.from([0x61, 0xff, 0x62, 0x80, 0x63, 0xc3, 0x28, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x64, 0x0a]))',
  )
  t.equal(execution.status, 'COMPLETED')
  const stdout: string = execution.stdout
  t.match(stdout, /^a\uFFFD+b\uFFFD+c\uFFFD+\(\uFFFD+d\n$/)
  await assertApiBodyIsClean(t, execution)
  await system.afterwards(t, 'javascript')
})

t.test('a multi-byte character cut exactly at the cap: dropped whole, no broken bytes stored', async (t) => {
  // 'ab' + 1364 × '€' (3 bytes) is 4094 bytes: the cap falls after 2 of the next '€'’s 3 bytes.
  const euro = await system.run('python', 'import sys\nsys.stdout.write("ab" + "€" * 5000)')
  t.match(euro, { status: 'FAILED', failure_reason: 'output_limit', stdout_truncated: true })
  t.equal(euro.stdout, `ab${'€'.repeat(1364)}`)
  await assertApiBodyIsClean(t, euro)
  // 'a' + 1023 × '😀' (4 bytes) is 4093 bytes: the cap falls after 3 of the next emoji’s 4 bytes (on stderr).
  const emoji = await system.run('javascript', "process.stderr.write('a' + '😀'.repeat(5000))")
  t.match(emoji, { status: 'FAILED', failure_reason: 'output_limit', stderr_truncated: true })
  t.equal(emoji.stderr, `a${'😀'.repeat(1023)}`)
  t.notOk(emoji.stderr.includes('\uFFFD'), 'no replacement character for the cut one')
  await assertApiBodyIsClean(t, emoji)
  await system.afterwards(t, 'javascript')
})

t.test('output of exactly the cap on both streams is complete and not truncated', async (t) => {
  const execution = await system.run(
    'python',
    `import sys\nsys.stdout.write("o" * ${CAP})\nsys.stdout.flush()\nsys.stderr.write("e" * ${CAP})`,
  )
  t.match(execution, {
    status: 'COMPLETED',
    stdout: 'o'.repeat(CAP),
    stderr: 'e'.repeat(CAP),
    stdout_truncated: false,
    stderr_truncated: false,
  })
  await system.afterwards(t, 'python')
})

t.test('one byte per write on alternating streams: many frames per read, no byte lost or reordered', async (t) => {
  // 20000 one-byte frames per stream, more than the cap: the first CAP bytes of each, exactly, then output_limit.
  const execution = await system.run('cpp', hostileFixture('cpp', 'one_byte_frames.cpp'))
  const expected = (parity: number) =>
    Array.from({ length: 40000 }, (_, i) => String.fromCharCode(97 + (i % 26)))
      .filter((_, i) => i % 2 === parity)
      .join('')
      .slice(0, CAP)
  t.match(execution, {
    status: 'FAILED',
    failure_reason: 'output_limit',
    stdout_truncated: true,
    stderr_truncated: true,
  })
  t.equal(execution.stdout, expected(0))
  t.equal(execution.stderr, expected(1))
  await system.afterwards(t, 'cpp')
})
