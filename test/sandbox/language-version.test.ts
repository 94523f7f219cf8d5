import { randomUUID } from 'node:crypto'
import t from 'tap'
import { LANGUAGE_IDS } from '../../src/languages.ts'
import { probeLanguageVersion } from '../../src/sandbox/language-version.ts'
import { RUNNER_PROTOCOL_LABEL } from '../../src/sandbox/runner-protocol.ts'
import { SandboxPlatformError } from '../../src/sandbox/types.ts'
import { sandboxContainers } from '../helpers/docker.ts'
import { dockerClient, testSettings } from './helpers.ts'

const docker = dockerClient()
const settings = testSettings()

t.test('each image reports its toolchain version and leaves no container', async (t) => {
  const workerId = `test-version-${randomUUID()}`
  const expected: Record<string, RegExp> = {
    c: /^gcc \(Debian 14\.[^)]+\) 14\.\d+\.\d+$/,
    cpp: /^g\+\+ \(Debian 14\.[^)]+\) 14\.\d+\.\d+$/,
    go: /^go version go1\.24\.\d+ linux\/\w+$/,
    java: /^openjdk 21\.\d+\.\d+ /,
    javascript: /^v20\.\d+\.\d+$/,
    python: /^Python 3\.13\.\d+$/,
    ruby: /^ruby 3\.3\.\d+/,
    rust: /^rustc 1\.85\.\d+ /,
    typescript: /^Version 4\.9\.\d+$/,
  }
  t.strictSame(Object.keys(expected), LANGUAGE_IDS, 'an expectation for every language')
  for (const language of LANGUAGE_IDS) {
    const version = await probeLanguageVersion(docker, settings, language, { workerId })
    t.match(version, expected[language] ?? /^$/, language)
  }
  t.strictSame(sandboxContainers({ workerId: workerId }), [])
})

t.test('a missing image is a platform error naming make images', async (t) => {
  const missing = { ...settings, imagePrefix: `livecode-missing-${randomUUID().slice(0, 8)}` }
  const error = await probeLanguageVersion(docker, missing, 'python').catch((e) => e)
  t.type(error, SandboxPlatformError)
  t.match(error.message, /make images/)
})

t.test('an image whose runner speaks another protocol is refused, naming make images', async (t) => {
  const prefix = `livecode-old-runner-${randomUUID().slice(0, 8)}`
  // The same image, labelled as an older runner would have been.
  const source = await docker.createContainer({ Image: `${settings.imagePrefix}/python`, Cmd: ['true'] })
  t.teardown(() => source.remove({ force: true }))
  await source.commit({ repo: `${prefix}/python`, tag: 'latest', changes: `LABEL ${RUNNER_PROTOCOL_LABEL}=1` })
  t.teardown(() => docker.getImage(`${prefix}/python`).remove({ force: true }))
  const error = await probeLanguageVersion(docker, { ...settings, imagePrefix: prefix }, 'python').catch((e) => e)
  t.type(error, SandboxPlatformError)
  t.match(error.message, /protocol 1, this worker speaks \d+: rebuild it with `make images`/)
})
