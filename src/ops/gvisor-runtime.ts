// Registers gVisor's runsc with a Docker engine that LiveCode itself starts (src/ops/ensure-docker.sh): reads
// the engine's configuration file, adds the runtime entry if it is missing, keeps everything else, writes it back.
// Usage: node src/ops/gvisor-runtime.ts <daemon.json> <path of runsc>   (prints "added" or "present")
import { readFileSync, renameSync, writeFileSync } from 'node:fs'

/** The runtime arguments LiveCode is tested with: ptrace works on any host (no KVM); sandboxes have no network. */
export const RUNSC_ARGS = ['--platform=ptrace', '--network=none']

type DaemonConfig = Record<string, unknown>

/** The configuration with runsc registered; an entry already named runsc is the operator's and is kept as it is. */
export function withRunsc(config: DaemonConfig, runscPath: string): { config: DaemonConfig; added: boolean } {
  const runtimes = (config.runtimes ?? {}) as Record<string, unknown>
  if (typeof runtimes !== 'object' || Array.isArray(runtimes)) throw new Error('"runtimes" is not an object')
  if (runtimes.runsc !== undefined) return { config, added: false }
  return {
    config: { ...config, runtimes: { ...runtimes, runsc: { path: runscPath, runtimeArgs: RUNSC_ARGS } } },
    added: true,
  }
}

function readConfig(file: string): DaemonConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file} is not a JSON object`)
  return parsed as DaemonConfig
}

if (import.meta.main) {
  const [file, runscPath] = process.argv.slice(2)
  if (!file || !runscPath) {
    console.error('usage: node src/ops/gvisor-runtime.ts <daemon.json> <path of runsc>')
    process.exit(2)
  }
  const { config, added } = withRunsc(readConfig(file), runscPath)
  if (added) {
    writeFileSync(`${file}.livecode-new`, `${JSON.stringify(config, null, 2)}\n`)
    renameSync(`${file}.livecode-new`, file)
  }
  console.log(added ? 'added' : 'present')
}
