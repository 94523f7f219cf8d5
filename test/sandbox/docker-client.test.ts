import t from 'tap'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'

const modemOf = (client: ReturnType<typeof createDockerClient>) =>
  client.modem as unknown as { socketPath?: string; host?: string; port?: string | number; protocol?: string }

t.test('the socket path when DOCKER_HOST is unset or empty', async (t) => {
  t.equal(modemOf(createDockerClient({ DOCKER_SOCKET: '/run/x.sock' })).socketPath, '/run/x.sock')
  t.equal(modemOf(createDockerClient({ DOCKER_HOST: '', DOCKER_SOCKET: '/run/x.sock' })).socketPath, '/run/x.sock')
})

t.test('unix:// and tcp:// addresses', async (t) => {
  t.equal(
    modemOf(createDockerClient({ DOCKER_HOST: 'unix:///var/run/d.sock', DOCKER_SOCKET: '/x' })).socketPath,
    '/var/run/d.sock',
  )
  const tcp = modemOf(createDockerClient({ DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_SOCKET: '/x' }))
  t.match(tcp, { host: '10.0.0.5', port: '2375', protocol: 'http' })
  t.notOk(tcp.socketPath)
})

t.test('the local engine answers', async (t) => {
  const client = createDockerClient({ DOCKER_SOCKET: '/var/run/docker.sock' })
  t.match(await client.ping(), /OK/)
})
