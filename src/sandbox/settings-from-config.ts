import type { Config } from '../config.ts'
import type { SandboxSettings } from './types.ts'

/** The sandbox's settings come from the config alone: nothing in a request can change them. */
export function sandboxSettingsFrom(config: Config): SandboxSettings {
  return {
    imagePrefix: config.IMAGE_PREFIX,
    runtime: config.CONTAINER_RUNTIME,
    limits: {
      timeoutMs: config.RUN_TIMEOUT_MS,
      outputLimitBytes: config.OUTPUT_LIMIT_BYTES,
      memoryBytes: config.MEMORY_LIMIT_BYTES,
      cpus: config.CPU_LIMIT,
      pidsLimit: config.PIDS_LIMIT,
      tmpSizeBytes: config.TMP_SIZE_BYTES,
      nofile: config.NOFILE_LIMIT,
    },
  }
}
