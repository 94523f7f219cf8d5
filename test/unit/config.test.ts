import t from 'tap'
import { ConfigError, ConfigSchema, loadConfig } from '../../src/config.ts'

t.test('defaults are the limits of DESIGN.md', async (t) => {
  const config = loadConfig({})
  t.match(config, {
    PORT: 3000,
    HOST: '127.0.0.1',
    ALLOW_ANONYMOUS: false,
    QUEUE_NAME: 'executions',
    CONTAINER_RUNTIME: 'runc',
    RUN_TIMEOUT_MS: 30_000,
    OUTPUT_LIMIT_BYTES: 100 * 1024,
    MEMORY_LIMIT_BYTES: 256 * 1024 * 1024,
    CPU_LIMIT: 1,
    PIDS_LIMIT: 64,
    TMP_SIZE_BYTES: 64 * 1024 * 1024,
    RUNS_PER_MINUTE: 10,
    RUNS_PER_SESSION: 100,
    CLIENT_SESSIONS_PER_MINUTE: 60,
    CLIENT_RUNS_PER_MINUTE: 120,
    CLIENT_ACTIVE_RUNS: 20,
    MAX_WAITING_RUNS: 1000,
    TRUST_PROXY: '',
    SOURCE_LIMIT_BYTES: 64 * 1024,
    STDIN_LIMIT_BYTES: 64 * 1024,
  })
})

t.test('environment strings are converted to numbers; empty values mean the default', async (t) => {
  const config = loadConfig({ PORT: '4000', CPU_LIMIT: '0.5', WORKER_CONCURRENCY: '8', HOST: '' })
  t.equal(config.PORT, 4000)
  t.equal(config.CPU_LIMIT, 0.5)
  t.equal(config.WORKER_CONCURRENCY, 8)
  t.equal(config.HOST, '127.0.0.1')
})

t.test('unrelated environment variables are ignored', async (t) => {
  const config = loadConfig({ PATH: '/bin', SECRET_TOKEN: 'x' })
  t.notOk('SECRET_TOKEN' in config)
})

t.test('a bad value stops with a message naming every bad setting', async (t) => {
  t.throws(() => loadConfig({ PORT: 'abc', WORKER_CONCURRENCY: '0' }), ConfigError)
  try {
    loadConfig({ PORT: 'abc', WORKER_CONCURRENCY: '0', LOG_LEVEL: 'loud' })
    t.fail('should throw')
  } catch (error) {
    t.match(String(error), /PORT="abc"/)
    t.match(String(error), /WORKER_CONCURRENCY="0"/)
    t.match(String(error), /LOG_LEVEL="loud"/)
  }
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT/)
  t.throws(() => loadConfig({ MEMORY_LIMIT_BYTES: '1000' }), /MEMORY_LIMIT_BYTES/)
})

t.test('every setting is documented', async (t) => {
  for (const [name, schema] of Object.entries(ConfigSchema.properties)) {
    t.ok((schema as { description?: string }).description, `${name} has a description`)
  }
})
