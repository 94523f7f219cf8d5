import { type Static, Type } from 'typebox'
import { TimestampSchema } from './common.ts'

export const DeliveryAttemptSchema = Type.Object({
  attempt: Type.Integer({ minimum: 1, description: '1 for the first try' }),
  attempted_at: TimestampSchema,
  duration_ms: Type.Integer({ minimum: 0 }),
  status_code: Type.Union([Type.Integer(), Type.Null()], {
    description: "the receiver's HTTP status; null when none came (connection refused, timeout, forbidden address)",
  }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'why the try failed; null when it was delivered' }),
})

export const DeliveriesSchema = Type.Object({
  callback_url: Type.Union([Type.String(), Type.Null()], { description: "the run's callback_url; null: it has none" }),
  state: Type.Enum(['none', 'pending', 'delivered', 'failed'], {
    description:
      'none: no callback_url; pending: the run has not ended or a try is still to come; delivered: a try was answered 2xx; failed: the tries are spent or the target is refused',
  }),
  deliveries: Type.Array(DeliveryAttemptSchema, { description: 'every try, oldest first' }),
})
export type DeliveriesResponse = Static<typeof DeliveriesSchema>
