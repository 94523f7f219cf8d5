import { execFileSync } from 'node:child_process'

/** Ids of sandbox containers that exist now, running or not; of one worker when its id is given. */
export function sandboxContainers(workerId?: string): string[] {
  const label = workerId ? `livecode.worker-id=${workerId}` : 'livecode.sandbox=true'
  const output = execFileSync('docker', ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' })
  return output.split('\n').filter(Boolean)
}
