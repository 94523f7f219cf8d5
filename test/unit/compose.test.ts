// docker-compose.yml, the deployment that faces a network: its API requires keys, and its settings load.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parse } from 'yaml'
import { anonymousExposure } from '../../src/api/anonymous-exposure.ts'
import { loadConfig } from '../../src/config.ts'

const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')
// What compose does with `${NAME:-default}` and `${NAME:?message}` when the operator sets nothing but the password.
const interpolated = text.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}/g, (_, _name, fallback) => fallback ?? 'secret')
const services = parse(interpolated, { merge: true }).services as Record<
  string,
  { environment: Record<string, unknown> }
>
const environment = (service: string) =>
  Object.fromEntries(Object.entries(services[service]?.environment ?? {}).map(([key, value]) => [key, String(value)]))

t.test('the compose API listens for the network and requires API keys, so it starts', async (t) => {
  const config = loadConfig(environment('api'))
  t.equal(config.HOST, '0.0.0.0')
  t.equal(config.API_KEYS_REQUIRED, true)
  t.equal(config.ALLOW_ANONYMOUS, false)
  t.equal(anonymousExposure(config), null)
  t.match(text, /docker compose run --rm api node src\/ops\/api-key\.ts create/, 'and says how to make the first key')
})

t.test('the compose worker serves its metrics on 9464 for Prometheus on the compose network', async (t) => {
  const config = loadConfig(environment('worker'))
  t.equal(config.WORKER_HEALTH_PORT, 9464)
  t.equal(config.HOST, '0.0.0.0')
})
