// src/ops/ensure-docker.sh against stand-ins for docker, dockerd, apt-get and pidof (the real engine of a shared
// machine must not be stopped or reconfigured): what it installs, writes and starts, in which order, and what it
// refuses to touch.
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'

const SCRIPT = new URL('../../src/ops/ensure-docker.sh', import.meta.url).pathname

/** The stand-ins keep their state in files of one folder: engine-up, runtimes, calls (a log), dockerd-pid. */
const STUBS: Record<string, string> = {
  docker: `#!/bin/sh
echo "docker $*" >>"$STATE/calls"
[ -f "$STATE/engine-up" ] || exit 1
case "$*" in *--format*) cat "$STATE/runtimes" ;; esac
exit 0`,
  dockerd: `#!/bin/sh
echo "dockerd $* config=$(tr -d ' \\n' <"$LIVECODE_DOCKERD_CONFIG" 2>/dev/null)" >>"$STATE/calls"
if grep -q runsc "$LIVECODE_DOCKERD_CONFIG" 2>/dev/null; then echo runc runsc >"$STATE/runtimes"; else echo runc >"$STATE/runtimes"; fi
touch "$STATE/engine-up"`,
  'apt-get': `#!/bin/sh
echo "apt-get $*" >>"$STATE/calls"
case "$*" in *"install"*runsc*) printf '#!/bin/sh\\n' >"$STATE/bin/runsc"; chmod +x "$STATE/bin/runsc" ;; esac`,
  pidof: `#!/bin/sh
[ -f "$STATE/dockerd-pid" ] && cat "$STATE/dockerd-pid"`,
}

/** The real programs the script and the stand-ins use; nothing else of the host's PATH (its runsc above all). */
const HOST_TOOLS = [
  'bash',
  'sh',
  'cat',
  'tr',
  'grep',
  'mkdir',
  'dirname',
  'seq',
  'sleep',
  'touch',
  'chmod',
  'nohup',
  'setsid',
  'node',
]

function hostTools(folder: string): void {
  mkdirSync(folder)
  for (const tool of HOST_TOOLS) {
    const path = spawnSync('bash', ['-c', `type -P ${tool}`], { encoding: 'utf8' }).stdout.trim()
    if (!path) throw new Error(`${tool} not found`)
    symlinkSync(path, join(folder, tool))
  }
}

interface Machine {
  state: string
  run(env?: Record<string, string>): { status: number | null; stderr: string }
  calls(): string[]
  config(): unknown
}

function machine(t: Test, setup: { engineUp?: boolean; runtimes?: string; config?: string } = {}): Machine {
  const state = mkdtempSync(join(tmpdir(), 'livecode-ensure-docker-'))
  t.teardown(() => rmSync(state, { recursive: true, force: true }))
  mkdirSync(join(state, 'bin'))
  mkdirSync(join(state, 'log'))
  hostTools(join(state, 'host'))
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(state, 'bin', name), `${body}\n`)
    chmodSync(join(state, 'bin', name), 0o755)
  }
  if (setup.engineUp) writeFileSync(join(state, 'engine-up'), '')
  writeFileSync(join(state, 'runtimes'), `${setup.runtimes ?? 'runc'}\n`)
  const configFile = join(state, 'daemon.json')
  if (setup.config !== undefined) writeFileSync(configFile, setup.config)
  return {
    state,
    run(env = {}) {
      const result = spawnSync('bash', [SCRIPT], {
        encoding: 'utf8',
        cwd: new URL('../..', import.meta.url).pathname,
        env: {
          // The stand-ins, then the few real tools. No DOCKER_HOST: the local engine's path.
          PATH: `${join(state, 'bin')}:${join(state, 'host')}`,
          STATE: state,
          LIVECODE_DOCKERD_CONFIG: configFile,
          LIVECODE_LOG_DIR: join(state, 'log'),
          ...env,
        },
        timeout: 60_000,
      })
      return { status: result.status, stderr: result.stderr }
    },
    calls: () =>
      existsSync(join(state, 'calls')) ? readFileSync(join(state, 'calls'), 'utf8').trim().split('\n') : [],
    config: () => JSON.parse(readFileSync(configFile, 'utf8')),
  }
}

/** The entry registered for the runsc that the stand-in apt-get installed. */
const runscEntry = (m: Machine) => ({
  path: join(m.state, 'bin', 'runsc'),
  runtimeArgs: ['--platform=ptrace', '--network=none'],
})

t.test('a bare machine: runsc installed and merged into the configuration before dockerd starts', async (t) => {
  const m = machine(t, { config: '{"log-level": "warn", "runtimes": {"other": {"path": "/bin/other"}}}' })
  const { status, stderr } = m.run({ CONTAINER_RUNTIME: 'runsc' })
  t.equal(status, 0, stderr)
  t.strictSame(m.config(), {
    'log-level': 'warn',
    runtimes: { other: { path: '/bin/other' }, runsc: runscEntry(m) },
  })
  const calls = m.calls()
  const installed = calls.findIndex((call) => /^apt-get install .*runsc/.test(call))
  const started = calls.findIndex((call) => call.startsWith('dockerd '))
  t.ok(installed >= 0, 'runsc comes from the distribution’s package')
  t.ok(started > installed, 'dockerd starts after runsc is installed')
  t.match(
    calls[started],
    /--iptables=false --bridge=none .*"runsc":\{"path"/,
    'and its configuration already has runsc',
  )
  t.match(stderr, /registered runsc \(gVisor\)/)
})

t.test('a bare machine without a configuration file: one is written with runsc alone', async (t) => {
  const m = machine(t)
  t.equal(m.run().status, 0)
  t.strictSame(m.config(), { runtimes: { runsc: runscEntry(m) } })
})

t.test('an operator’s engine without runsc: runc runs as it is; runsc is explained, nothing changed', async (t) => {
  const config = '{"runtimes": {}}'
  const m = machine(t, { engineUp: true, runtimes: 'runc', config })
  t.equal(m.run().status, 0, 'CONTAINER_RUNTIME unset (runc): nothing to do')
  const { status, stderr } = m.run({ CONTAINER_RUNTIME: 'runsc' })
  t.equal(status, 1, 'runsc wanted: fails rather than running every sandbox into an error')
  t.match(stderr, /no runtime "runsc" \(it has: runc\)/)
  t.match(stderr, /apt-get install runsc/)
  t.match(stderr, /"runtimeArgs": \["--platform=ptrace", "--network=none"\]/)
  t.match(stderr, /reload the engine/)
  t.equal(readFileSync(join(m.state, 'daemon.json'), 'utf8'), config, 'the operator’s configuration is untouched')
  t.notOk(
    m.calls().some((call) => call.startsWith('apt-get') || call.startsWith('dockerd')),
    'nothing installed or started',
  )
})

t.test('an engine LiveCode started earlier without runsc: registered, then reloaded with SIGHUP', async (t) => {
  const m = machine(t, { engineUp: true, runtimes: 'runc' })
  // A stand-in dockerd that, like the real one, picks up runtimes on SIGHUP.
  const engine = spawn('sh', ['-c', `trap 'echo runc runsc >"${m.state}/runtimes"' HUP; while :; do sleep 0.1; done`])
  t.teardown(() => engine.kill('SIGKILL'))
  writeFileSync(join(m.state, 'dockerd-pid'), `${engine.pid}\n`)
  writeFileSync(join(m.state, 'log', 'dockerd.pid'), `${engine.pid}\n`)
  const { status, stderr } = m.run({ CONTAINER_RUNTIME: 'runsc' })
  t.equal(status, 0, stderr)
  t.strictSame(m.config(), { runtimes: { runsc: runscEntry(m) } })
  t.equal(readFileSync(join(m.state, 'runtimes'), 'utf8').trim(), 'runc runsc', 'the engine was reloaded')
})
