// The curl walkthrough, with the typed client: a session, a run followed live, its outcome. LIVECODE_URL.
import { createLiveCodeClient } from '../src/index.ts'

const livecode = createLiveCodeClient({
  baseUrl: process.env.LIVECODE_URL ?? 'http://127.0.0.1:3000',
  apiKey: process.env.LIVECODE_API_KEY,
  retry: { retries: 3 },
})
const session = await livecode.createSession({
  language: 'python',
  source_code: 'name = input()\nprint(f"hello {name}")',
  stdin: 'ada\n',
})
const { execution_id } = await livecode.run(session.session_id)
for await (const event of livecode.events(execution_id)) {
  if (event.event === 'status') console.log('status', event.data.status)
  if (event.event === 'stdout') process.stdout.write(`stdout ${event.data.data}`)
}
const execution = await livecode.wait(execution_id)
console.log(execution.status, 'exit', execution.exit_code, 'in', execution.duration_ms, 'ms')
