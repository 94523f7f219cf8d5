// How long a run whose worker was SIGKILLed takes to be running again on another worker, and to finish.
import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { createDatabase } from '../../src/db/connection.ts'
import { findExecution } from '../../src/db/executions-repository.ts'
import { EXECUTION_LABEL, WORKER_LABEL } from '../../src/sandbox/labels.ts'
import { runContainerName } from '../../src/sandbox/warm-container.ts'
import type { Client } from './client.ts'
import type { BenchWorker } from './processes.ts'

const SLEEPER = 'import time\ntime.sleep(3)\nprint("hello")\n'

export interface TakeOver {
  runningAgainMs: number
  terminalMs: number
  survivor: BenchWorker
}

/** The worker label of the container of one execution (by its label, or its name when it came warm), once there is one. */
function holderLabel(executionId: string): string | undefined {
  for (const filter of [`label=${EXECUTION_LABEL}=${executionId}`, `name=^/${runContainerName(executionId)}$`]) {
    const output = execFileSync('docker', ['ps', '--filter', filter, '--format', `{{.Label "${WORKER_LABEL}"}}`], {
      encoding: 'utf8',
    })
    const label = output.split('\n').find(Boolean)
    if (label) return label
  }
  return undefined
}

export async function measureTakeOver(client: Client, databaseUrl: string, workers: BenchWorker[]): Promise<TakeOver> {
  const db = createDatabase({ connectionString: databaseUrl, maxConnections: 1, logger: console })
  try {
    const executionId = await client.run(await client.session('python', SLEEPER))
    let label = holderLabel(executionId)
    for (; label === undefined; label = holderLabel(executionId)) await sleep(20)
    const holder = workers.find((worker) => label?.includes(`-${worker.pid}-`))
    const survivor = workers.find((worker) => worker !== holder)
    if (!holder || !survivor) throw new Error(`no bench worker holds ${executionId} (${label})`)
    await holder.kill()
    const killedAt = performance.now()
    let runningAgainMs = Number.NaN
    for (;;) {
      const execution = await findExecution(db, executionId)
      if (execution && Number.isNaN(runningAgainMs) && execution.attempts >= 2)
        runningAgainMs = performance.now() - killedAt
      if (execution && ['COMPLETED', 'FAILED', 'TIMEOUT'].includes(execution.status)) {
        if (execution.status !== 'COMPLETED') throw new Error(`taken-over run ended ${execution.status}`)
        return { runningAgainMs, terminalMs: performance.now() - killedAt, survivor }
      }
      await sleep(20)
    }
  } finally {
    await db.destroy()
  }
}
