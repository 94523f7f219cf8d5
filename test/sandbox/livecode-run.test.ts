import { spawnSync } from 'node:child_process'
import t from 'tap'
import { stdinPayload } from '../../src/sandbox/docker-runner.ts'
import { SANDBOX_LABEL } from '../../src/sandbox/labels.ts'

/** Runs images/runner/livecode-run inside an image with raw stdin, through the CLI: the protocol itself. */
function runner(image: string, args: string[], input: Buffer) {
  const result = spawnSync(
    'docker',
    [
      'run',
      '--rm',
      '-i',
      '--network',
      'none',
      '--read-only',
      '--tmpfs',
      '/tmp:rw,exec,size=8m',
      '--label',
      `${SANDBOX_LABEL}=true`,
      `livecode/${image}`,
      '/usr/local/bin/livecode-run',
      ...args,
    ],
    { input, maxBuffer: 16 * 1024 * 1024 },
  )
  return { status: result.status, stdout: result.stdout.toString('latin1'), stderr: result.stderr.toString('utf8') }
}

const echoStdin = 'import sys\nsys.stdout.write(sys.stdin.read())\n'
const python = ['/tmp/main.py', '', 'python3', '-B', '/tmp/main.py']

t.test('head -c does not over-read: the program gets every stdin byte after the source', async (t) => {
  for (const padding of [0, 1, 4095, 65_536, 200_000]) {
    const sourceCode = `${echoStdin}#${'p'.repeat(padding)}`
    const stdin = 'first line\nsecond'
    const result = runner('python', python, stdinPayload({ sourceCode, stdin }))
    t.strictSame(result, { status: 0, stdout: `R${stdin}`, stderr: '' }, `source of ${sourceCode.length} bytes`)
  }
})

t.test('a source without a final newline and multi-byte characters keeps its exact length', async (t) => {
  const sourceCode = 'print("héllo €")'
  const result = runner('python', python, stdinPayload({ sourceCode, stdin: 'unread' }))
  t.strictSame(result, { status: 0, stdout: `R${Buffer.from('héllo €\n').toString('latin1')}`, stderr: '' })
})

t.test('the compiler does not take the program stdin; its output goes to stderr', async (t) => {
  const sourceCode =
    '#include <iostream>\nint main(){std::string s; std::getline(std::cin, s); std::cout << "[" << s << "]";}'
  const args = ['/tmp/main.cpp', 'echo compiling; g++ -o /tmp/main /tmp/main.cpp', '/tmp/main']
  const result = runner('cpp', args, stdinPayload({ sourceCode, stdin: 'input line\n' }))
  t.strictSame(result, { status: 0, stdout: 'R[input line]', stderr: 'compiling\n' })
})

t.test('a failed compile writes C and exits with the compiler status', async (t) => {
  const result = runner(
    'cpp',
    ['/tmp/main.cpp', 'echo nope; exit 4', '/tmp/main'],
    stdinPayload({ sourceCode: 'x', stdin: '' }),
  )
  t.strictSame(result, { status: 4, stdout: 'C', stderr: 'nope\n' })
})

t.test('a bad header fails before any marker', async (t) => {
  const result = runner('python', python, Buffer.from('abc\nprint(1)'))
  t.equal(result.status, 125)
  t.equal(result.stdout, '')
  t.match(result.stderr, /bad header/)
})
