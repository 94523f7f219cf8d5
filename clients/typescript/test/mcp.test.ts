// livecode-mcp over stdio, driven by the MCP SDK's own client, against the real stack.
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import t, { type Test } from 'tap'
import { apiKeyCommand } from '../../../test/helpers/api-key-command.ts'
import { startListeningSystem } from './listening-system.ts'

const MCP_BIN = fileURLToPath(new URL('../src/mcp.ts', import.meta.url))

async function connect(t: Test, env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MCP_BIN],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'ignore',
  })
  const client = new Client({ name: 'livecode-test', version: '1.0.0' })
  await client.connect(transport)
  t.teardown(() => client.close())
  return client
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const [first] = result.content as { type: string; text: string }[]
  return first?.text ?? ''
}

t.test('run_code and list_languages over stdio', async (t) => {
  const { baseUrl } = await startListeningSystem(t)
  const client = await connect(t, { LIVECODE_URL: baseUrl })
  const { tools } = await client.listTools()
  t.same(tools.map((tool) => tool.name).sort(), ['list_languages', 'run_code'])
  const runCode = tools.find((tool) => tool.name === 'run_code')
  t.same(runCode?.inputSchema.required, ['language', 'source_code'])

  const languages = textOf(await client.callTool({ name: 'list_languages', arguments: {} }))
  t.match(languages, /^python: Python — Python 3\.\d+/m)
  t.match(languages, /^cpp: /m)

  const hello = await client.callTool({
    name: 'run_code',
    arguments: { language: 'python', source_code: 'name = input()\nprint(f"hello {name}")', stdin: 'agent\n' },
  })
  t.notOk(hello.isError)
  const helloText = textOf(hello)
  t.match(helloText, /^verdict: COMPLETED\nexit code: 0\n/)
  t.match(helloText, /\nstdout:\nhello agent\nstderr: \(empty\)\n/)

  const crash = textOf(
    await client.callTool({
      name: 'run_code',
      arguments: { language: 'javascript', source_code: 'console.log("before"); process.exit(3)' },
    }),
  )
  t.match(crash, /^verdict: FAILED \(runtime_error\)\nexit code: 3\n/)

  const flood = textOf(
    await client.callTool({
      name: 'run_code',
      arguments: { language: 'python', source_code: 'while True: print("x" * 1000)' },
    }),
  )
  t.match(flood, /^verdict: FAILED \(output_limit\)/)
  t.match(flood, /\[stdout cut here: the run reached its output limit\]/)

  const judged = textOf(
    await client.callTool({
      name: 'run_code',
      arguments: {
        language: 'python',
        source_code: 'n = int(input())\nprint(n * 2 if n != 3 else 7)',
        test_cases: [
          { stdin: '2\n', expected_stdout: '4\n' },
          { stdin: '3\n', expected_stdout: '6\n' },
          { stdin: '5\n', expected_stdout: '10\n', hidden: true },
        ],
      },
    }),
  )
  t.match(judged, /\ntests: 2\/3 passed\n/)
  t.match(judged, /\ncase 0: accepted( in \d+ ms)?\n/)
  t.match(judged, /\ncase 1: wrong_answer( in \d+ ms)?\n {2}expected: "6\\n"\n {2}got: {6}"7\\n"\n/)
  t.match(judged, /\ncase 2 \(hidden\): accepted/)

  const refused = await client.callTool({
    name: 'run_code',
    arguments: { language: 'cobol', source_code: 'DISPLAY "HI".' },
  })
  t.equal(refused.isError, true, "the API's refusal is the tool's error")
  t.match(textOf(refused), /LiveCode refused: 400 validation_error: .*language/)
})

t.test('LIVECODE_API_KEY is sent: without it a server that needs keys refuses', async (t) => {
  const { baseUrl, config } = await startListeningSystem(t, { API_KEYS_REQUIRED: 'true' })
  const anonymous = await connect(t, { LIVECODE_URL: baseUrl })
  const refused = await anonymous.callTool({ name: 'list_languages', arguments: {} })
  t.equal(refused.isError, true)
  t.match(textOf(refused), /401 unauthorized/)
  const key = (await apiKeyCommand(config.DATABASE_URL, 'create', 'agent')).stdout.trim()
  const keyed = await connect(t, { LIVECODE_URL: baseUrl, LIVECODE_API_KEY: key })
  const run = await keyed.callTool({ name: 'run_code', arguments: { language: 'python', source_code: 'print(6 * 7)' } })
  t.notOk(run.isError)
  t.match(textOf(run), /\nstdout:\n42\n/)
})
