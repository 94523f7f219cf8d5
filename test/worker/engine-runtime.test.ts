import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'
import { assertEngineHasRuntime, engineInfo } from '../../src/sandbox/engine-info.ts'
import { startWorker } from '../../src/worker/start-worker.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { testLogger } from '../helpers/logger.ts'
import { uniqueQueueName } from '../helpers/redis.ts'

t.test('the engine’s own runtimes pass; an unknown one is refused with what to do', async (t) => {
  const info = await engineInfo(createDockerClient())
  t.doesNotThrow(() => assertEngineHasRuntime(info, 'runc'))
  t.throws(() => assertEngineHasRuntime(info, 'no-such-runtime'), {
    message:
      /CONTAINER_RUNTIME=no-such-runtime, but the Docker engine has no runtime "no-such-runtime" \(it has .*runc.*\): register it .* or set CONTAINER_RUNTIME=runc/,
  })
})

t.test('a worker configured with a runtime its engine lacks does not start', async (t) => {
  const { url } = await createTestDatabase(t)
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_NAME: uniqueQueueName('runtime'),
    CONTAINER_RUNTIME: 'no-such-runtime',
  })
  await t.rejects(startWorker(config, testLogger()), { message: /no runtime "no-such-runtime"/ })
})
