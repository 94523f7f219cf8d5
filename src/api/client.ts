/** Who a request comes from, for every per-client limit and for ownership. */
export interface Client {
  /** What per-client limits key on: `key:<api key id>`, or `addr:<address>` without a key. */
  id: string
  /** The API key the request carried (null: none); sessions and runs belong to it. */
  apiKeyId: string | null
  limits: ClientLimits
}

export interface ClientLimits {
  sessionsPerMinute: number
  runsPerMinute: number
  activeRuns: number
}
