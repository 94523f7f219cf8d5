import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** `node src/ops/api-key.ts …` (what make api-key runs) against the test's database. */
export async function apiKeyCommand(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ['src/ops/api-key.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  })
}
