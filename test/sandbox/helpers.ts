import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Docker from 'dockerode'
import type { LanguageId } from '../../src/languages.ts'
import { SANDBOX_LABEL } from '../../src/sandbox/container-spec.ts'
import { type SandboxRequest, type SandboxSettings, WORKER_LABEL } from '../../src/sandbox/types.ts'

const MiB = 1024 * 1024

/** Lowered limits keep the integration tests fast. */
export function testSettings(overrides: Partial<SandboxSettings['limits']> = {}): SandboxSettings {
  return {
    imagePrefix: process.env.IMAGE_PREFIX || 'livecode',
    runtime: 'runc',
    limits: {
      timeoutMs: 3000,
      outputLimitBytes: 4096,
      memoryBytes: 64 * MiB,
      cpus: 1,
      pidsLimit: 64,
      tmpSizeBytes: 16 * MiB,
      nofile: 256,
      ...overrides,
    },
  }
}

export function request(language: LanguageId, sourceCode: string, stdin = ''): SandboxRequest {
  return { executionId: randomUUID(), language, sourceCode, stdin }
}

export function fixture(language: LanguageId, name: string): string {
  return readFileSync(new URL(`../fixtures/${language}/${name}`, import.meta.url), 'utf8')
}

export function dockerClient(): Docker {
  return new Docker()
}

/** Ids of this worker's sandbox containers, through the CLI: independent of the code under test. */
export function sandboxContainersOf(workerId: string): string[] {
  const out = execFileSync(
    'docker',
    ['ps', '-a', '-q', '--filter', `label=${SANDBOX_LABEL}=true`, '--filter', `label=${WORKER_LABEL}=${workerId}`],
    { encoding: 'utf8' },
  )
  return out.split('\n').filter((line) => line !== '')
}
