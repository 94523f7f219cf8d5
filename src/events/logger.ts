import type { Logger } from 'pino'

/** What the live-run modules log with: a pino logger and Fastify's both fit. */
export type EventsLogger = Pick<Logger, 'info' | 'warn' | 'error'>
