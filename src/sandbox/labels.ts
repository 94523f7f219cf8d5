// The labels on sandbox containers: how leftovers are found, and whose they are.

/** On every sandbox container, whatever it runs: what leftover cleanup filters on. */
export const SANDBOX_LABEL = 'livecode.sandbox'
/** The execution a run's container belongs to. */
export const EXECUTION_LABEL = 'livecode.execution-id'
/** The worker that started the container (absent on containers no worker started). */
export const WORKER_LABEL = 'livecode.worker-id'
/** The language whose toolchain version a probe container asks for. */
export const PROBE_LABEL = 'livecode.probe'
