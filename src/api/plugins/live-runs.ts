import fp from 'fastify-plugin'
import { StreamHub } from '../../events/stream-hub.ts'
import { TerminalNotifications } from '../../events/terminal-notifications.ts'
import type { SseStream } from '../sse.ts'

declare module 'fastify' {
  interface FastifyInstance {
    streamHub: StreamHub
    terminalNotifications: TerminalNotifications
    /** The event streams this process serves now (kept alive together, ended together on close). */
    eventStreams: Set<SseStream>
  }
}

/**
 * What live runs need in every API process: one Redis connection that follows all runs' event streams,
 * one PostgreSQL connection that hears when runs end, and one timer that keeps every open stream alive.
 */
export default fp(
  async (app) => {
    const logger = app.log.child({ component: 'live-runs' })
    const notifications = new TerminalNotifications(app.config.DATABASE_URL, logger)
    await notifications.start()
    const hub = new StreamHub(app.config.REDIS_URL, app.redis, logger)
    hub.start()
    const streams = new Set<SseStream>()
    app.decorate('terminalNotifications', notifications)
    app.decorate('streamHub', hub)
    app.decorate('eventStreams', streams)

    const keepAlive = setInterval(() => {
      for (const stream of streams) stream.comment('keep-alive')
    }, app.config.EVENT_KEEPALIVE_MS)
    keepAlive.unref()

    // Open streams would hold the server's close open: they end (clients resume elsewhere with
    // Last-Event-ID), and waiting requests answer with the state they have.
    app.addHook('preClose', async () => {
      clearInterval(keepAlive)
      for (const stream of [...streams]) stream.end()
      await notifications.close()
    })
    app.addHook('onClose', async () => {
      await hub.close()
    })
  },
  { name: 'live-runs', dependencies: ['config', 'redis'] },
)
