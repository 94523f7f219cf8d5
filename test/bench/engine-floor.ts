// The engine's floor under a run: the run's own container (image, limits, seccomp profile, init, tmpfs) started
// with the hello itself in place of the runner, and driven straight through the Docker API (create, attach,
// start, wait, remove), with no LiveCode process in between. No service that gives each run a new container can
// go faster than this on the same engine: LiveCode's throughput is given as a ratio to it.
import { finished } from 'node:stream/promises'
import { loadConfig } from '../../src/config.ts'
import type { LanguageId } from '../../src/languages.ts'
import { sandboxContainerOptions } from '../../src/sandbox/container-spec.ts'
import { demuxDockerStream } from '../../src/sandbox/demux-stream.ts'
import { createDockerClient } from '../../src/sandbox/docker-client.ts'
import { sandboxSettingsFrom } from '../../src/sandbox/settings-from-config.ts'
import { assertHello, helloArgv } from './programs.ts'

/** One hello in the run's own container, the output checked; resolves with its milliseconds. */
export function engineFloorRun(env: Record<string, string>, language: LanguageId): () => Promise<number> {
  const docker = createDockerClient()
  const settings = sandboxSettingsFrom(loadConfig({ ...process.env, ...env }))
  return async () => {
    const started = performance.now()
    const spec = sandboxContainerOptions(settings, language, { cmd: helloArgv(language), labels: {}, openStdin: false })
    const container = await docker.createContainer(spec)
    try {
      const stream = await container.attach({ stream: true, stdout: true, stderr: true })
      const stdout: Buffer[] = []
      demuxDockerStream(stream, {
        onOutput(name, bytes) {
          // A view of the chunk, valid only during the call: copied.
          if (name === 'stdout') stdout.push(Buffer.from(bytes))
        },
      })
      await container.start()
      await container.wait()
      await finished(stream).catch(() => undefined)
      assertHello(Buffer.concat(stdout).toString(), `engine floor run of ${language}`)
    } finally {
      await container.remove({ force: true })
    }
    return performance.now() - started
  }
}
