// Source and stdin at exactly the 64 KiB byte limit (accepted, and they run whole) and one byte over it (413
// payload_too_large, nothing written). Bytes, not characters: the fillers are multi-byte.
import t from 'tap'
import { createDatabase } from '../../src/db/connection.ts'
import { testLogger } from '../helpers/logger.ts'
import { waitForTerminal } from '../helpers/system.ts'
import { startHostileSystem } from './helpers.ts'

const LIMIT = 64 * 1024
const system = await startHostileSystem(t, { RUN_TIMEOUT_MS: '10000' })
const db = createDatabase({ connectionString: system.config.DATABASE_URL, maxConnections: 1, logger: testLogger() })
t.teardown(() => db.destroy())

/** A python program of exactly `bytes` UTF-8 bytes that prints its own size in bytes and the bytes of its stdin. */
function pythonOfSize(bytes: number): string {
  const code = 'import sys\nprint(len(open(__file__, "rb").read()), len(sys.stdin.buffer.read()))\n#'
  const room = bytes - Buffer.byteLength(code)
  const source = code + '€'.repeat(Math.floor(room / 3)) + 'x'.repeat(room % 3)
  if (Buffer.byteLength(source) !== bytes) throw new Error('filler arithmetic')
  return source
}
/** Exactly `bytes` UTF-8 bytes of stdin, 'é' (2 bytes) and an 'x' if odd. */
const stdinOfSize = (bytes: number): string => 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2)

async function rowCounts(): Promise<{ sessions: number; executions: number }> {
  const sessions = await db
    .selectFrom('code_sessions')
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const executions = await db
    .selectFrom('executions')
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return { sessions: Number(sessions.n), executions: Number(executions.n) }
}

t.test('source and stdin of exactly 64 KiB (multi-byte) are accepted and reach the program whole', async (t) => {
  const execution = await system.run('python', pythonOfSize(LIMIT), stdinOfSize(LIMIT))
  t.match(execution, { status: 'COMPLETED', failure_reason: null, stdout: `${LIMIT} ${LIMIT}\n` })
  await system.afterwards(t, 'python')
})

t.test('one byte over: 413 payload_too_large on create and on autosave, nothing written', async (t) => {
  const before = await rowCounts()
  for (const payload of [
    { language: 'python', source_code: pythonOfSize(LIMIT + 1) },
    { language: 'python', source_code: 'print(1)', stdin: stdinOfSize(LIMIT + 1) },
  ]) {
    const response = await system.app.inject({ method: 'POST', url: '/code-sessions', payload })
    t.equal(response.statusCode, 413)
    t.equal(response.json().error.code, 'payload_too_large')
  }
  t.strictSame(await rowCounts(), before, 'no session and no execution was created')

  const created = await system.app.inject({
    method: 'POST',
    url: '/code-sessions',
    payload: { language: 'python', source_code: 'print("kept")', stdin: '' },
  })
  t.equal(created.statusCode, 201)
  const id = created.json().session_id
  for (const payload of [{ source_code: pythonOfSize(LIMIT + 1) }, { stdin: stdinOfSize(LIMIT + 1) }]) {
    const response = await system.app.inject({ method: 'PATCH', url: `/code-sessions/${id}`, payload })
    t.equal(response.statusCode, 413)
    t.equal(response.json().error.code, 'payload_too_large')
  }
  const session = (await system.app.inject({ method: 'GET', url: `/code-sessions/${id}` })).json()
  t.match(session, { source_code: 'print("kept")', stdin: '', execution_count: 0 }, 'the session is unchanged')
  const run = await system.app.inject({ method: 'POST', url: `/code-sessions/${id}/run` })
  t.equal(run.statusCode, 202, 'and it still runs what it had')
  t.match(await waitForTerminal(system.app, run.json().execution_id), { status: 'COMPLETED', stdout: 'kept\n' })
  await system.afterwards(t, 'python')
})
