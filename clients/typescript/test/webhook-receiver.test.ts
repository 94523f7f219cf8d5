// The receiver the docs show (examples/webhook-receiver.ts), as its readers would run it, against real callbacks.
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { freePort } from '../../../test/helpers/servers.ts'
import { waitFor } from '../../../test/helpers/wait.ts'
import { createLiveCodeClient } from '../src/index.ts'
import { startListeningSystem } from './listening-system.ts'

const RECEIVER = fileURLToPath(new URL('../examples/webhook-receiver.ts', import.meta.url))
const SECRET = 'whsec_receiver_test'

t.test("the docs' receiver takes LiveCode's callbacks and refuses forgeries and replays", async (t) => {
  const port = await freePort()
  const receiver = spawn(process.execPath, [RECEIVER], {
    env: { ...process.env, PORT: String(port), LIVECODE_WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  t.teardown(() => receiver.kill())
  let printed = ''
  receiver.stdout.on('data', (chunk: Buffer) => {
    printed += chunk
  })
  const url = `http://127.0.0.1:${port}/livecode`
  await waitFor('the receiver to listen', () => fetch(url).then(() => true), 10_000)

  const { baseUrl } = await startListeningSystem(t, { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOW_HOSTS: '127.0.0.1' })
  const client = createLiveCodeClient({ baseUrl })
  const session = await client.createSession({ language: 'python', source_code: 'print(6 * 7)' })
  const { execution_id } = await client.run(session.session_id, { callback_url: url })
  await waitFor('the callback', () => printed.includes(execution_id), 30_000)
  t.equal(printed.trim(), `${execution_id} COMPLETED "42\\n"`)
  const deliveries = await waitFor(
    'the recorded try',
    async () => {
      const answer = await client.deliveries(execution_id)
      return answer.state === 'delivered' && answer
    },
    10_000,
  )
  t.equal(deliveries.deliveries[0]?.status_code, 204)

  const body = JSON.stringify(await client.getExecution(execution_id))
  const post = (signature: string) =>
    fetch(url, { method: 'POST', headers: { 'livecode-signature': signature }, body }).then((r) => r.status)
  const sign = (at: number, secret = SECRET) =>
    `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`
  const now = Math.floor(Date.now() / 1000)
  t.equal(await post(sign(now)), 204, 'a fresh, rightly signed callback is taken')
  t.equal(await post(sign(now, 'guessed')), 401, 'another secret is refused')
  t.equal(await post(sign(now - 3600)), 401, 'an hour-old signature (a replay) is refused')
  t.equal(await post('garbage'), 401, 'a malformed header is refused')
})
