import { loadConfig } from '../../src/config.ts'
import { sandboxSettingsFrom } from '../../src/sandbox/settings-from-config.ts'
import type { SandboxSettings } from '../../src/sandbox/types.ts'
import { sandboxRuntime } from '../helpers/runtime.ts'

/** The sandbox as a worker with the default config has it (256 MiB, 64 processes, 1 CPU, 30 s), images of IMAGE_PREFIX. */
export function defaultSandboxSettings(): SandboxSettings {
  const settings = sandboxSettingsFrom(loadConfig({ IMAGE_PREFIX: process.env.IMAGE_PREFIX || 'livecode' }))
  return { ...settings, runtime: sandboxRuntime() }
}
