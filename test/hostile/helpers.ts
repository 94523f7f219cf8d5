import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Test } from 'tap'
import type { LanguageId } from '../../src/languages.ts'
import { sandboxContainersAfterRemoval } from '../helpers/docker.ts'
import { killMarginMs } from '../helpers/runtime.ts'
import { runProgram, startTestSystem, type TestSystem } from '../helpers/system.ts'
import { languageFixture } from '../languages/fixtures.ts'

/** The languages whose hostile programs cover the whole suite; every other has its own cases (new-languages.test.ts). */
export const LANGUAGES = ['python', 'javascript', 'cpp'] as const
export type Language = (typeof LANGUAGES)[number]
export type Execution = Record<string, any>

export const MiB = 1024 * 1024

/** A program under test/fixtures/hostile/<language>/. */
export function hostileFixture(language: LanguageId, name: string): string {
  return readFileSync(new URL(`../fixtures/hostile/${language}/${name}`, import.meta.url), 'utf8')
}

export interface HostileSystem extends TestSystem {
  /** Runs one program through the real API and worker, and waits for its terminal state. */
  run(language: LanguageId, source: string, stdin?: string): Promise<Execution>
  /**
   * What must hold after every hostile program: no container of this worker is left (running or stopped),
   * the host can still start a process, and a plain hello in the same language succeeds on the same system.
   */
  afterwards(t: Test, language: LanguageId): Promise<void>
}

/**
 * One API and one real worker for a whole test file (a fresh database and queue). The leftover reaper is
 * slowed down: a periodic reap of this file's worker has nothing to do with what the file tests.
 */
export async function startHostileSystem(t: Test, overrides: Record<string, string> = {}): Promise<HostileSystem> {
  const system = await startTestSystem(t, { REAP_EVERY_MS: '3600000', ...overrides })
  return {
    ...system,
    run: (language, source, stdin = '') => runProgram(system.app, language, source, stdin),
    async afterwards(t, language) {
      t.strictSame(
        await sandboxContainersAfterRemoval({ workerId: system.workerId }),
        [],
        'no container of this worker is left, running or stopped',
      )
      t.equal(execFileSync('sh', ['-c', 'echo host-ok'], { encoding: 'utf8' }), 'host-ok\n', 'the host can still fork')
      const hello = await runProgram(system.app, language, languageFixture(language, 'hello'))
      t.match(
        hello,
        { status: 'COMPLETED', stdout: `hello from ${language}\n`, exit_code: 0 },
        `a ${language} hello runs right after`,
      )
      t.strictSame(
        await sandboxContainersAfterRemoval({ workerId: system.workerId }),
        [],
        'and leaves no container either',
      )
    },
  }
}

/** The run ended in one of the given (status, reason) pairs; says which in the test output. */
export function assertEndedAs(t: Test, execution: Execution, allowed: Array<[string, string | null]>): void {
  const got = `${execution.status}/${execution.failure_reason}`
  t.ok(
    allowed.some(([status, reason]) => execution.status === status && execution.failure_reason === reason),
    `ended as ${got} (allowed: ${allowed.map(([s, r]) => `${s}/${r}`).join(', ')})`,
  )
}

/** Killed by the worker at the wall clock: TIMEOUT, no exit code, within the kill margin after the limit. */
export function assertTimedOut(t: Test, execution: Execution, timeoutMs: number): void {
  t.match(execution, { status: 'TIMEOUT', failure_reason: null, exit_code: null })
  t.ok(
    execution.duration_ms >= timeoutMs && execution.duration_ms < timeoutMs + killMarginMs(),
    `killed at the wall-clock limit (${execution.duration_ms} ms)`,
  )
}

/** Lines of the form `<label>: <rest>` the program printed, as a map (the last one of each label wins). */
export function reportLines(stdout: string): Map<string, string> {
  const lines = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const at = line.indexOf(': ')
    if (at > 0) lines.set(line.slice(0, at), line.slice(at + 2))
  }
  return lines
}
