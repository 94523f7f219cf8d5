// An interactive run's input on its way from the row to the program: only what is new, in order, then the end.
import t from 'tap'
import { insertExecution } from '../../src/db/executions-repository.ts'
import { appendInput } from '../../src/db/input-repository.ts'
import { insertSession } from '../../src/db/sessions-repository.ts'
import { InteractiveInput } from '../../src/worker/interactive-input.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { testLogger } from '../helpers/logger.ts'
import { waitFor } from '../helpers/wait.ts'

t.test(
  'what the row holds reaches the program once, in order; eof closes it; a closed feed writes nothing',
  async (t) => {
    const { db } = await createTestDatabase(t)
    const session = await insertSession(db, { language: 'python', source_code: 'input()', stdin: '' })
    const execution = await insertExecution(db, {
      id: crypto.randomUUID(),
      session_id: session.id,
      language: 'python',
      source_code: 'input()',
      stdin: '',
    })
    await db
      .updateTable('executions')
      .set({ status: 'RUNNING', interactive: true })
      .where('id', '=', execution.id)
      .execute()
    const written: string[] = []
    const echoed: string[] = []
    let ended = 0
    const input = new InteractiveInput(db, execution.id, testLogger(), (text) => echoed.push(text))
    t.match(await appendInput(db, execution.id, 'héllo\n', false, 1000), { kind: 'appended', inputBytes: 7 })
    input.open({ write: (data) => written.push(data.toString('utf8')), end: () => ended++ })
    await waitFor('the first input', () => written.length === 1, 5000, 10)
    input.refresh()
    input.refresh()
    await appendInput(db, execution.id, 'second', true, 1000)
    input.refresh()
    await waitFor('the end of input', () => ended === 1, 5000, 10)
    t.strictSame(written, ['héllo\n', 'second'], 'each byte once, in order, however often it was told')
    t.strictSame(echoed, written, 'echoed as written')
    input.refresh()
    await new Promise((resolve) => setTimeout(resolve, 100))
    t.equal(ended, 1, 'the end once')

    const after = new InteractiveInput(db, execution.id, testLogger(), () => {})
    after.close()
    const nothing: string[] = []
    after.open({ write: (data) => nothing.push(data.toString()), end: () => nothing.push('end') })
    await new Promise((resolve) => setTimeout(resolve, 100))
    t.strictSame(nothing, [], 'a feed closed (its run over) writes nothing')
    t.match(await appendInput(db, execution.id, 'x', false, 1000), { kind: 'closed' })
    t.match(await appendInput(db, crypto.randomUUID(), 'x', false, 1000), { kind: 'missing' })
  },
)
