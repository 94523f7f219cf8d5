import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { LanguageId } from '../../src/languages.ts'
import type { SandboxRequest, SandboxSettings } from '../../src/sandbox/types.ts'
import { sandboxRuntime, underGvisor } from '../helpers/runtime.ts'

const MiB = 1024 * 1024

/**
 * Lowered limits keep the integration tests fast. Under gVisor a C++ hello (compile included) takes 1.4 to 2.4 s on
 * a busy 2-core machine, against about 1.2 s under runc: its wall clock gets more room.
 */
export function testSettings(overrides: Partial<SandboxSettings['limits']> = {}): SandboxSettings {
  return {
    imagePrefix: process.env.IMAGE_PREFIX || 'livecode',
    runtime: sandboxRuntime(),
    limits: {
      timeoutMs: underGvisor() ? 8000 : 3000,
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

export { createDockerClient as dockerClient } from '../../src/sandbox/docker-client.ts'
