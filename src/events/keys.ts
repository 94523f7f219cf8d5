// Where live runs meet in Redis and PostgreSQL. Keys carry the queue name, so deployments (and tests)
// sharing one Redis stay apart, as the queue and the rate limits do.

/** The Redis Stream of one execution's events (status changes and output, in order). */
export function eventStreamKey(queueName: string, executionId: string): string {
  return `livecode:${queueName}:events:${executionId}`
}

/** The Redis channel on which the API asks whichever worker holds a run to cancel it. */
export function cancelChannel(queueName: string): string {
  return `livecode:${queueName}:cancel`
}

/** The PostgreSQL channel a trigger notifies (payload: the execution id) when an execution becomes terminal. */
export const EXECUTION_FINISHED_CHANNEL = 'livecode_execution_finished'

/** The Redis channel on which the API tells whichever worker holds an interactive run that input came for it. */
export function inputChannel(queueName: string): string {
  return `livecode:${queueName}:input`
}
