// The labels on sandbox containers: how leftovers are found, and whose they are.

/** On every sandbox container, whatever it runs: what leftover cleanup filters on. */
export const SANDBOX_LABEL = 'livecode.sandbox'
/** The execution a run's container belongs to. */
export const EXECUTION_LABEL = 'livecode.execution-id'
/** The worker that started the container (absent on containers no worker started). */
export const WORKER_LABEL = 'livecode.worker-id'
/** The language whose toolchain version a probe container asks for. */
export const PROBE_LABEL = 'livecode.probe'
/**
 * How long after its creation (the engine's clock) a sandbox must be gone: any worker on the engine, whatever its
 * queue, removes a sandbox past this deadline (src/sandbox/deadline.ts), so nothing the program does inside keeps
 * it alive.
 */
export const LIFETIME_LABEL = 'livecode.lifetime-ms'
/** On warm-pool containers: created ahead, their execution named (by the container's name) only once taken. */
export const WARM_LABEL = 'livecode.warm'
