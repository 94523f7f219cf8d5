// Entry point of `make api-key`, `make api-key-revoke` and `make api-keys`: API keys in DATABASE_URL.
//   node src/ops/api-key.ts create <name> [--sessions-per-minute N] [--runs-per-minute N] [--active-runs N]
//   node src/ops/api-key.ts revoke (--id <id> | --name <name>)
//   node src/ops/api-key.ts rotate-secret --id <id>
//   node src/ops/api-key.ts list
import { parseArgs } from 'node:util'
import { destination, pino } from 'pino'
import { generateApiKey, generateWebhookSecret, hashApiKey } from '../api/api-keys.ts'
import { loadConfigOrExit } from '../config.ts'
import { insertApiKey, listApiKeys, revokeApiKeys, setWebhookSecret } from '../db/api-keys-repository.ts'
import { createDatabase } from '../db/connection.ts'
import { loggerOptions } from '../logging.ts'

const USAGE = `usage:
  api-key create <name> [--sessions-per-minute N] [--runs-per-minute N] [--active-runs N]
  api-key revoke (--id <id> | --name <name>)
  api-key rotate-secret --id <id>
  api-key list`

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`)
  process.exit(2)
}

function positiveInteger(value: string | undefined, flag: string): number | null {
  if (value === undefined || value === '') return null
  if (!/^[1-9]\d*$/.test(value)) fail(`--${flag} must be a positive whole number, not ${JSON.stringify(value)}`)
  return Number(value)
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    'sessions-per-minute': { type: 'string' },
    'runs-per-minute': { type: 'string' },
    'active-runs': { type: 'string' },
  },
})
const [command, nameArgument] = positionals

const config = loadConfigOrExit()
// Logs go to stderr: stdout carries only the key (or the listing), for scripts.
const db = createDatabase({
  connectionString: config.DATABASE_URL,
  maxConnections: 1,
  logger: pino(loggerOptions(config), destination(2)),
})
try {
  if (command === 'create') {
    const name = (nameArgument ?? values.name ?? '').trim()
    if (!name) fail('a key needs a name (NAME=…)')
    const key = generateApiKey()
    const row = await insertApiKey(db, {
      name,
      key_hash: hashApiKey(key),
      sessions_per_minute: positiveInteger(values['sessions-per-minute'], 'sessions-per-minute'),
      runs_per_minute: positiveInteger(values['runs-per-minute'], 'runs-per-minute'),
      active_runs: positiveInteger(values['active-runs'], 'active-runs'),
      webhook_secret: generateWebhookSecret(),
    })
    console.error(`API key "${row.name}" created (id ${row.id}). It is shown only now and stored only hashed:`)
    console.log(key)
    // On stderr, labelled: stdout stays the key alone, which scripts capture.
    console.error(`Its callbacks (callback_url) are signed with this secret, shown only now: ${row.webhook_secret}`)
  } else if (command === 'revoke') {
    if (!values.id && !values.name) fail('say which key: --id <id> or --name <name>')
    const revoked = await revokeApiKeys(db, values.id ? { id: values.id } : { name: values.name ?? '' })
    if (revoked.length === 0) {
      console.error('no live key matched: nothing revoked')
      process.exitCode = 1
    }
    for (const key of revoked) console.log(`revoked ${key.id} "${key.name}"`)
  } else if (command === 'rotate-secret') {
    if (!values.id) fail('say which key: --id <id>')
    const secret = generateWebhookSecret()
    if (!(await setWebhookSecret(db, values.id, secret))) {
      console.error('no live key has that id: nothing changed')
      process.exitCode = 1
    } else {
      console.error('New secret of the callbacks of this key (the old one no longer signs), shown only now:')
      console.log(secret)
    }
  } else if (command === 'list') {
    for (const key of await listApiKeys(db)) {
      const limits = [key.sessions_per_minute, key.runs_per_minute, key.active_runs].map((v) => v ?? 'default')
      const state = key.revoked_at ? `revoked ${key.revoked_at.toISOString()}` : 'live'
      console.log(
        `${key.id}  ${JSON.stringify(key.name)}  ${state}  sessions/min ${limits[0]}, runs/min ${limits[1]}, active ${limits[2]}`,
      )
    }
  } else {
    fail(command ? `unknown command ${JSON.stringify(command)}` : 'no command')
  }
} finally {
  await db.destroy()
}
