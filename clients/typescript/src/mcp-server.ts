import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import type { LiveCodeClient } from './client.ts'
import { LiveCodeError } from './errors.ts'
import { outcomeText } from './outcome-text.ts'
import type { LanguageId, RunOptions } from './types.ts'

/** Longest a run_code call waits for its run; the API's own run limit (30 s by default) is well inside it. */
const RUN_WAIT_SECONDS = 120

type ToolAnswer = { content: { type: 'text'; text: string }[]; isError?: boolean }

function text(body: string, isError = false): ToolAnswer {
  return { content: [{ type: 'text', text: body }], ...(isError ? { isError } : {}) }
}

/** The API's error answers are the tool's errors, as text; anything else is a failure of the server. */
async function answering(work: () => Promise<string>): Promise<ToolAnswer> {
  try {
    return text(await work())
  } catch (error) {
    if (error instanceof LiveCodeError) return text(`LiveCode refused: ${error.message}`, true)
    throw error
  }
}

/** A Model Context Protocol server whose tools run code on a LiveCode API through `client`. */
export function createMcpServer(client: LiveCodeClient, version = '0.1.0'): McpServer {
  const server = new McpServer({ name: 'livecode', version })

  server.registerTool(
    'list_languages',
    {
      title: 'List languages',
      description: 'The languages LiveCode runs, with their versions: the values run_code takes as `language`.',
    },
    async () =>
      answering(async () =>
        (await client.languages())
          .map(
            (language) => `${language.language}: ${language.name}${language.version ? ` — ${language.version}` : ''}`,
          )
          .join('\n'),
      ),
  )

  server.registerTool(
    'run_code',
    {
      title: 'Run code',
      description:
        'Runs a program in a fresh sandbox (no network, capped memory, time and output) and answers with its verdict, exit code, stdout and stderr; with test_cases, it is judged and each case gets a verdict (accepted, wrong_answer, ...). Call list_languages for the languages.',
      inputSchema: {
        language: z.string().describe('a language id from list_languages, e.g. python'),
        source_code: z.string().describe('the whole program'),
        stdin: z.string().optional().describe("the program's standard input"),
        test_cases: z
          .array(
            z.object({
              stdin: z.string().describe("the case's standard input"),
              expected_stdout: z.string().optional().describe('what stdout must be'),
              time_limit_ms: z.number().int().positive().optional().describe('wall time of this case'),
              hidden: z.boolean().optional().describe('true: only its verdict is returned'),
            }),
          )
          .optional()
          .describe('judge the program: compiled once, run once per case, each case with its verdict'),
        compare: z
          .enum(['lines', 'exact'])
          .optional()
          .describe('with test_cases: lines (default; trailing spaces and empty lines ignored) or exact'),
      },
    },
    async ({ language, source_code, stdin, test_cases, compare }) =>
      answering(async () => {
        const session = await client.createSession({
          language: language as LanguageId,
          source_code,
          ...(stdin === undefined ? {} : { stdin }),
        })
        // Checked against the generated run body's type: a drift from the API's schema fails the build.
        const judging: RunOptions = test_cases ? { test_cases, ...(compare ? { compare } : {}) } : {}
        const accepted = await client.run(session.session_id, judging)
        const execution = await client.wait(accepted.execution_id, { timeoutSeconds: RUN_WAIT_SECONDS })
        return outcomeText(execution)
      }),
  )
  return server
}
