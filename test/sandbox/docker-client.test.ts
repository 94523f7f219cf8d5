import t from 'tap'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'

type Modem = { socketPath?: unknown; host?: string; port?: string; protocol?: string; username?: string }

/** The client's connection as docker-modem read it from an environment (the process's, restored after). */
function modemUnder(env: Record<string, string>): Modem {
  const saved = { ...process.env }
  for (const key of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete process.env[key]
  Object.assign(process.env, env)
  try {
    return createDockerClient().modem as unknown as Modem
  } finally {
    process.env = saved
  }
}

t.test(
  'DOCKER_HOST is read as the docker CLI reads it: unix, tcp, TLS on 2376 or DOCKER_TLS_VERIFY, ssh',
  async (t) => {
    t.equal(modemUnder({ DOCKER_HOST: 'unix:///var/run/d.sock' }).socketPath, '/var/run/d.sock')
    t.match(modemUnder({ DOCKER_HOST: 'tcp://198.51.100.1:2375' }), {
      host: '198.51.100.1',
      port: '2375',
      protocol: 'http',
    })
    t.match(modemUnder({ DOCKER_HOST: 'tcp://198.51.100.1:2376' }), { protocol: 'https' }, 'the TLS port means TLS')
    t.match(modemUnder({ DOCKER_HOST: 'tcp://198.51.100.1:4000', DOCKER_TLS_VERIFY: '1' }), { protocol: 'https' })
    t.match(modemUnder({ DOCKER_HOST: 'ssh://ops@198.51.100.1' }), {
      protocol: 'ssh',
      username: 'ops',
      host: '198.51.100.1',
    })
    t.notOk(modemUnder({}).host, 'unset: the local socket')
  },
)

t.test('the local engine answers', async (t) => {
  t.match(await createDockerClient().ping(), /OK/)
})
