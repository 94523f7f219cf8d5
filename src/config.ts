import { type Static, Type } from 'typebox'
import { Value } from 'typebox/value'
import { describeSchemaErrors } from './schema-errors.ts'

const KiB = 1024
const MiB = 1024 * KiB

/**
 * Every setting of LiveCode, with its default: the one place where a limit's default lives.
 * Keys are the environment variables that set them.
 */
export const ConfigSchema = Type.Object({
  HOST: Type.String({
    default: '127.0.0.1',
    description:
      "address the API (and a worker's health port) listens on; an address others can reach needs API_KEYS_REQUIRED=true or ALLOW_ANONYMOUS=true",
  }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'port the API listens on' }),
  DATABASE_URL: Type.String({
    default: 'postgres://livecode:livecode@127.0.0.1:5432/livecode',
    description: 'PostgreSQL connection string',
  }),
  REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', description: 'Redis connection string' }),
  WORKER_HEALTH_PORT: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 65535,
    description:
      "port of a worker's /metrics, /health and /ready (0: not served; make up serves them on 9464; workers sharing a host need their own)",
  }),
  HTTP_REQUEST_TIMEOUT_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    description: 'time a client has to send a whole request, headers and body (a drip-fed one is cut off: 408)',
  }),
  HTTP_IDLE_TIMEOUT_MS: Type.Integer({
    default: 65_000,
    minimum: 1000,
    description: 'an API connection silent this long is closed (never under WAIT_MAX_SECONDS + 5 s)',
  }),
  REDIS_COMMAND_TIMEOUT_MS: Type.Integer({
    default: 5000,
    minimum: 50,
    description: "the API's longest wait for a Redis answer: a hung Redis gives 503, not a hanging request",
  }),
  QUEUE_NAME: Type.String({ default: 'executions', minLength: 1, description: 'BullMQ queue name' }),
  WORKER_CONCURRENCY: Type.Integer({
    default: 2,
    minimum: 1,
    maximum: 256,
    description: 'runs one worker process carries out at once',
  }),
  WARM_POOL_SIZE: Type.Integer({
    default: 1,
    minimum: 0,
    maximum: 256,
    description:
      'warm containers a worker keeps waiting per language (0: no pool); with nine languages, one each, and WARM_POOL_SIZES for the busy ones',
  }),
  WARM_POOL_SIZES: Type.String({
    default: '',
    pattern: '^([a-z][a-z0-9-]*=[0-9]+(,[a-z][a-z0-9-]*=[0-9]+)*)?$',
    description: 'per-language sizes that override WARM_POOL_SIZE, e.g. cpp=0,python=4',
  }),
  WARM_POOL_IDLE_MS: Type.Integer({
    default: 300_000,
    minimum: 1000,
    description: 'a warm container waiting longer than this is replaced (its deadlines cover this wait plus one run)',
  }),
  WARM_POOL_CREATES: Type.Integer({
    default: 2,
    minimum: 1,
    description: 'warm containers created at once (all languages): refills never crowd out running programs',
  }),
  CONTAINER_RUNTIME: Type.String({
    default: 'runc',
    minLength: 1,
    description: 'OCI runtime of sandboxes (runc, or runsc for gVisor)',
  }),
  LANGUAGES_DIR: Type.String({
    default: '',
    description:
      'folder of the languages, one <id>/ with a Dockerfile and a language.json each (empty: the images/ folder beside src/); read when a process starts',
  }),
  IMAGE_PREFIX: Type.String({
    default: 'livecode',
    minLength: 1,
    description: 'sandbox images are <prefix>/<language>',
  }),
  RUN_TIMEOUT_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    description: 'wall time of one run, compile included',
  }),
  OUTPUT_LIMIT_BYTES: Type.Integer({
    default: 100 * KiB,
    minimum: 1,
    description: 'cap on stdout and on stderr, each',
  }),
  MEMORY_LIMIT_BYTES: Type.Integer({
    default: 256 * MiB,
    minimum: 16 * MiB,
    description: 'memory of one run, no swap',
  }),
  CPU_LIMIT: Type.Number({ default: 1, exclusiveMinimum: 0, maximum: 64, description: 'CPU cores of one run' }),
  PIDS_LIMIT: Type.Integer({ default: 64, minimum: 8, description: 'processes and threads of one run' }),
  TMP_SIZE_BYTES: Type.Integer({
    default: 64 * MiB,
    minimum: MiB,
    description: 'size of the writable /tmp of one run',
  }),
  NOFILE_LIMIT: Type.Integer({ default: 256, minimum: 16, description: 'open files of one run' }),
  RUNS_PER_MINUTE: Type.Integer({
    default: 10,
    minimum: 1,
    description: 'runs per session per minute (all API replicas)',
  }),
  RUNS_PER_SESSION: Type.Integer({ default: 100, minimum: 1, description: 'runs per session in total' }),
  CLIENT_SESSIONS_PER_MINUTE: Type.Integer({
    default: 60,
    minimum: 1,
    description: 'new sessions per client per minute (a client is its API key, or else its address)',
  }),
  CLIENT_RUNS_PER_MINUTE: Type.Integer({
    default: 120,
    minimum: 1,
    description: 'runs per client per minute, across its sessions',
  }),
  CLIENT_ACTIVE_RUNS: Type.Integer({
    default: 20,
    minimum: 1,
    description: 'runs of one client queued or running at once (429 too_many_active_runs past it)',
  }),
  MAX_WAITING_RUNS: Type.Integer({
    default: 1000,
    minimum: 1,
    description: 'runs waiting in the queue, all clients together (503 overloaded past it)',
  }),
  API_KEYS_REQUIRED: Type.Boolean({
    default: false,
    description:
      'true: every request but /health and /ready needs an API key (make api-key), and sees only what its key made',
  }),
  ALLOW_ANONYMOUS: Type.Boolean({
    default: false,
    description:
      'true: the API may listen on an address others can reach (HOST) without API keys, so anyone who reaches it runs code; otherwise it refuses to start',
  }),
  TRUST_PROXY: Type.String({
    default: '',
    description:
      'whose X-Forwarded-For to believe: empty (nobody: the peer address is the client), proxy addresses or CIDRs separated by commas, a hop count, or true (anyone: only behind a proxy that overwrites the header)',
  }),
  SOURCE_LIMIT_BYTES: Type.Integer({ default: 64 * KiB, minimum: 1, description: 'size of source_code' }),
  STDIN_LIMIT_BYTES: Type.Integer({ default: 64 * KiB, minimum: 0, description: 'size of stdin' }),
  TEST_CASES_MAX: Type.Integer({ default: 64, minimum: 1, maximum: 1024, description: 'test cases of one judged run' }),
  TEST_CASE_LIMIT_BYTES: Type.Integer({
    default: 64 * KiB,
    minimum: 0,
    description: "size of one test case's stdin, and of its expected_stdout",
  }),
  TEST_CASE_TIME_LIMIT_MS: Type.Integer({
    default: 5000,
    minimum: 1,
    description: "a test case's time limit when the run does not give one (at most RUN_TIMEOUT_MS)",
  }),
  INPUT_LIMIT_BYTES: Type.Integer({
    default: 100 * KiB,
    minimum: 0,
    description: 'input sent to one interactive run while it runs, in total (POST /executions/{id}/input: 413 past it)',
  }),
  RUN_REQUEST_LIMIT_BYTES: Type.Integer({
    default: 2 * MiB,
    minimum: 64,
    description: 'size of a whole run request (its test cases): 413 past it',
  }),
  WAIT_MAX_SECONDS: Type.Number({
    default: 30,
    minimum: 0,
    maximum: 300,
    description: 'longest ?wait= a client may ask of GET /executions/{id}',
  }),
  EVENT_KEEPALIVE_MS: Type.Integer({
    default: 15_000,
    minimum: 100,
    description: 'interval of the comment line that keeps an idle event stream open through proxies',
  }),
  EVENT_STREAM_MAX_ENTRIES: Type.Integer({
    default: 5000,
    minimum: 100,
    description: "length bound of one run's event stream in Redis (oldest entries trimmed first)",
  }),
  EVENT_STREAM_TTL_SECONDS: Type.Integer({
    default: 3600,
    minimum: 60,
    description: "a run's event stream expires this long after its last event (replay for late subscribers)",
  }),
  IDEMPOTENCY_KEY_TTL_SECONDS: Type.Integer({
    default: 24 * 3600,
    minimum: 1,
    description: 'how long an Idempotency-Key of POST /run answers with the first run',
  }),
  JOB_ATTEMPTS: Type.Integer({
    default: 5,
    minimum: 1,
    description: 'tries of a run whose sandbox meets platform failures (Docker errors), then FAILED/internal_error',
  }),
  JOB_BACKOFF_MS: Type.Integer({ default: 1000, minimum: 0, description: 'first retry delay (doubles each try)' }),
  MAX_STARTS: Type.Integer({
    default: 5,
    minimum: 1,
    description: "starts of one run, platform retries and dead workers' runs included, then FAILED/internal_error",
  }),
  LOCK_DURATION_MS: Type.Integer({
    default: 10_000,
    minimum: 1000,
    description:
      'a worker that stops renewing a job lock this long is dead: its run is handed to another within 1.5× this',
  }),
  EVENT_LOOP_STALL_LIMIT_MS: Type.Integer({
    default: 60_000,
    minimum: 1000,
    description:
      "how long a worker's event loop may be blocked and the worker still count as alive (a thread of its own renews its locks)",
  }),
  RECONCILE_EVERY_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    description: 'how often workers reconcile PostgreSQL with Redis',
  }),
  QUEUED_GRACE_MS: Type.Integer({
    default: 60_000,
    minimum: 0,
    description: 'age after which a QUEUED run without a job is queued again',
  }),
  RUNNING_MARGIN_MS: Type.Integer({
    default: 60_000,
    minimum: 0,
    description:
      'time past the run limit after which a RUNNING run without a live job is recovered (never under the 10 s container self-destruct grace)',
  }),
  REAP_EVERY_MS: Type.Integer({
    default: 60_000,
    minimum: 100,
    description: 'how often workers remove leftover sandbox containers',
  }),
  RETENTION_DAYS: Type.Integer({
    default: 30,
    minimum: 0,
    description:
      'executions finished, and sessions unchanged and without executions, longer ago than this are deleted (0: keep all)',
  }),
  RETENTION_EVERY_MS: Type.Integer({
    default: 3_600_000,
    minimum: 1000,
    description: 'how often workers delete what has outlived RETENTION_DAYS (and expired Idempotency-Keys)',
  }),
  RETENTION_BATCH_SIZE: Type.Integer({
    default: 500,
    minimum: 1,
    maximum: 100_000,
    description: 'rows one retention statement deletes at most (short statements, short locks)',
  }),
  WEBHOOK_SECRET: Type.String({
    default: '',
    description:
      'signs the callbacks of runs made without an API key (keys sign with their own secret); empty: such runs may not carry a callback_url',
  }),
  WEBHOOK_ALLOW_HOSTS: Type.String({
    default: '',
    pattern: '^[^\\s]*$',
    description:
      'callback hosts (names or addresses, separated by commas) exempt from the refusal of loopback, private, link-local, multicast and metadata addresses',
  }),
  WEBHOOK_BACKOFF_MS: Type.Integer({
    default: 10_000,
    minimum: 1,
    description: 'wait before the first retry of a failed callback (doubles each try)',
  }),
  WEBHOOK_RETRY_FOR_MS: Type.Integer({
    default: 24 * 3600 * 1000,
    minimum: 0,
    description: 'a failing callback is retried, with exponential backoff, for at most this long after its first try',
  }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    description: 'one callback attempt (connection, request and answer) gives up after this long',
  }),
  WEBHOOK_CONCURRENCY: Type.Integer({
    default: 8,
    minimum: 1,
    maximum: 256,
    description:
      'callbacks one worker process delivers at once (apart from its runs: a slow receiver never delays one)',
  }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
    description: 'pino log level',
  }),
})

export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads the settings from an environment, applies defaults and converts numbers; throws ConfigError with every bad value named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ConfigSchema.properties)
  const picked: Record<string, unknown> = {}
  for (const key of known) {
    const value = env[key]
    if (value !== undefined && value !== '') picked[key] = value
  }
  const withDefaults = Value.Default(ConfigSchema, picked)
  const converted = Value.Convert(ConfigSchema, withDefaults)
  if (!Value.Check(ConfigSchema, converted)) {
    const byKey = Map.groupBy(Value.Errors(ConfigSchema, converted), (error) => error.instancePath.replace(/^\//, ''))
    // The first problem of each setting, named with the value it was given: `PORT="abc": must be integer`.
    const problems = [...byKey].map(
      ([key, errors]) => describeSchemaErrors(errors, () => `${key || 'config'}=${JSON.stringify(env[key] ?? '')}:`)[0],
    )
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  }
  return converted as Config
}

/** For process entry points: the config, or a clear message and exit status 1 on a bad value. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}
