// Entry point of the API process: owns the config, the listening socket and the signals.
import { loadConfigOrExit } from '../config.ts'
import { anonymousExposure } from './anonymous-exposure.ts'
import { buildApp } from './app.ts'

const CLOSE_TIMEOUT_MS = 30_000
const IDLE_SWEEP_MS = 100

const config = loadConfigOrExit()
const refusal = anonymousExposure(config)
if (refusal) {
  console.error(refusal)
  process.exit(1)
}

const app = await buildApp({ config })

let closing = false
async function drain(signal: NodeJS.Signals): Promise<void> {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'draining: no new requests, finishing those in flight')
  // A request that never ends must not keep the process alive for ever.
  const forced = setTimeout(() => {
    app.log.error('drain timed out; exiting')
    process.exit(1)
  }, CLOSE_TIMEOUT_MS)
  forced.unref()
  // Fastify closes the keep-alive connections that are idle when closing starts; one that was answering a
  // request then goes idle too, and would hold the close open until its keep-alive timeout. So idle
  // connections are closed again until the server is closed.
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS)
  sweep.unref()
  try {
    await app.close()
    clearInterval(sweep)
    app.log.info('closed')
    process.exit(0)
  } catch (error) {
    app.log.error({ err: error }, 'close failed')
    process.exit(1)
  }
}

process.once('SIGTERM', drain)
process.once('SIGINT', drain)

try {
  // Fastify logs the address it listens at.
  await app.listen({ host: config.HOST, port: config.PORT })
} catch (error) {
  app.log.error({ err: error }, 'could not listen')
  await app.close()
  process.exit(1)
}
