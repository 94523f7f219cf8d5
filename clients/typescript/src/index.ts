export {
  createLiveCodeClient,
  type EventsOptions,
  isTerminal,
  type LiveCodeClient,
  type LiveCodeClientOptions,
  type RunEvent,
  type WaitOptions,
} from './client.ts'
export { LiveCodeError } from './errors.ts'
export type { paths } from './generated/api.ts'
export type { RetryPolicy } from './retrying-fetch.ts'
export type * from './types.ts'
