// A LiveCode callback receiver: checks LiveCode-Signature and refuses replays. PORT, LIVECODE_WEBHOOK_SECRET.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const secret = process.env.LIVECODE_WEBHOOK_SECRET ?? ''
createServer(async (req, res) => {
  let body = ''
  for await (const chunk of req.setEncoding('utf8')) body += chunk
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['livecode-signature'])) ?? []
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest()
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300 // signed more than 5 min ago: a replay
  if (!v1 || !fresh || !timingSafeEqual(mac, Buffer.from(v1, 'hex'))) return res.writeHead(401).end()
  const execution = JSON.parse(body) // retries resend it: act once per execution_id
  console.log(execution.execution_id, execution.status, JSON.stringify(execution.stdout))
  res.writeHead(204).end()
}).listen(Number(process.env.PORT ?? 8080), '127.0.0.1')
