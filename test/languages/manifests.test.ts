// The manifests: every folder of images/ with a language.json is a language; a bad one stops start-up with a
// message that names the file and the field; what a manifest asks for reaches the container's create options.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { loadConfig } from '../../src/config.ts'
import { LanguageManifestError, loadLanguageManifests } from '../../src/languages/load-languages.ts'
import { shellCommand } from '../../src/languages/shell-quote.ts'
import { DEFAULT_LANGUAGES_DIR, LANGUAGE_IDS, languageOf } from '../../src/languages.ts'
import { buildContainerSpec } from '../../src/sandbox/container-spec.ts'
import { sandboxSettingsFrom } from '../../src/sandbox/settings-from-config.ts'

const settings = sandboxSettingsFrom(loadConfig({}))
const GOOD = {
  id: 'shell',
  name: 'POSIX shell',
  sourceFile: 'main.sh',
  run: ['sh', '/tmp/main.sh'],
  version: ['sh', '-c', 'echo dash'],
}

/** A folder of languages holding one language, `shell`, with the given manifest (or raw text). */
function languagesDir(t: Test, manifest: unknown, folder = 'shell'): string {
  const dir = mkdtempSync(join(tmpdir(), 'livecode-languages-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, folder))
  writeFileSync(join(dir, folder, 'Dockerfile'), 'FROM scratch\n')
  writeFileSync(join(dir, folder, 'language.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest))
  return dir
}

function loadError(dir: string): string {
  try {
    loadLanguageManifests(dir)
  } catch (error) {
    if (error instanceof LanguageManifestError) return error.message
    throw error
  }
  return '(loaded)'
}

t.test('the languages are the folders of images/ with a language.json, sorted', async (t) => {
  const ids = loadLanguageManifests(DEFAULT_LANGUAGES_DIR).map((manifest) => manifest.id)
  t.strictSame(ids, ['c', 'cpp', 'go', 'java', 'javascript', 'python', 'ruby', 'rust', 'typescript'])
  t.strictSame(LANGUAGE_IDS, ids, 'src/languages.ts serves the same list')
  t.notOk(ids.includes('runner'), 'images/runner has no manifest: it is no language')
})

t.test('a good manifest loads; compile argv becomes one shell-quoted command', async (t) => {
  const dir = languagesDir(t, { ...GOOD, compile: ['cc', '-o', '/tmp/a b', "it's"] })
  const [manifest] = loadLanguageManifests(dir)
  t.equal(manifest?.id, 'shell')
  t.equal(shellCommand(manifest?.compile ?? []), `cc -o '/tmp/a b' 'it'\\''s'`)
})

t.test('the shell quoting gives the shell back the very argv', async (t) => {
  const argv = ['plain', 'two words', "quote'd", '$HOME', '`id`', 'semi;colon', 'back\\slash', '*', '']
  const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${shellCommand(argv)}`], { encoding: 'utf8' })
  t.strictSame(echoed.split('\n').slice(0, -1), argv)
})

t.test('a bad manifest is refused, naming the file and the field', async (t) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a missing field', { ...GOOD, run: undefined }, /shell\/language\.json: run is required/],
    ['a wrong type', { ...GOOD, run: 'sh /tmp/main.sh' }, /shell\/language\.json: run must be array/],
    ['an empty argv', { ...GOOD, version: [] }, /shell\/language\.json: version must not have fewer than 1 items/],
    [
      'an unknown field',
      { ...GOOD, timeout: 5 },
      /shell\/language\.json: the manifest has unknown field\(s\): timeout/,
    ],
    [
      'a limit below its floor',
      { ...GOOD, limits: { memoryMiB: 1 } },
      /shell\/language\.json: limits\.memoryMiB must be >= 16/,
    ],
    [
      'a source file with a path',
      { ...GOOD, sourceFile: '../main.sh' },
      /shell\/language\.json: sourceFile must match/,
    ],
    [
      'an id that is not its folder',
      { ...GOOD, id: 'bash' },
      /shell\/language\.json: id must be "shell", the folder's name/,
    ],
    [
      'an example not in its folder',
      { ...GOOD, example: 'hello.sh' },
      /example names hello\.sh, which is not in its folder/,
    ],
    ['text that is not JSON', '{ "id": "shell",', /shell\/language\.json: not JSON/],
  ]
  for (const [what, manifest, message] of cases) t.match(loadError(languagesDir(t, manifest)), message, what)
})

t.test('a folder with a manifest but no Dockerfile is refused', async (t) => {
  const dir = languagesDir(t, GOOD)
  rmSync(join(dir, 'shell', 'Dockerfile'))
  t.match(loadError(dir), /shell\/language\.json: its folder has no Dockerfile/)
})

t.test('a process whose languages have a bad manifest does not start: it says which file and field', async (t) => {
  const dir = languagesDir(t, { ...GOOD, run: 42 })
  const started = spawnSync(process.execPath, ['-e', "await import('./src/languages.ts')"], {
    env: { ...process.env, LANGUAGES_DIR: dir },
    encoding: 'utf8',
  })
  t.equal(started.status, 1)
  t.match(started.stderr, /^livecode: .*shell\/language\.json: run must be array\n$/)
  t.notMatch(started.stderr, /at .*\.ts:\d+/, 'a sentence, not a stack trace')
})

t.test('LANGUAGES_DIR: a folder of languages elsewhere is read instead', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'livecode-languages-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  cpSync(join(DEFAULT_LANGUAGES_DIR, 'python'), join(dir, 'python'), { recursive: true })
  const listed = execFileSync(
    process.execPath,
    ['-e', "const { LANGUAGE_IDS } = await import('./src/languages.ts'); console.log(LANGUAGE_IDS.join(','))"],
    { env: { ...process.env, LANGUAGES_DIR: dir }, encoding: 'utf8' },
  )
  t.equal(listed, 'python\n')
})

t.test("a manifest's env and limits reach the container; they raise the defaults, never lower them", async (t) => {
  const request = (language: string) => ({ executionId: 'x', language, sourceCode: '', stdin: '' })
  const go = buildContainerSpec(settings, request('go'))
  t.ok(go.Env?.includes('GOCACHE=/opt/go-cache'), 'Go reads the standard library from the cache built into its image')
  t.ok(go.Env?.includes('HOME=/tmp'), 'the sandbox defaults stay')
  t.equal(go.HostConfig?.PidsLimit, 64)
  const java = buildContainerSpec(settings, request('java'))
  t.equal(java.HostConfig?.PidsLimit, 128, "the JVM's threads: java/language.json asks for 128")
  t.equal(java.HostConfig?.Memory, settings.limits.memoryBytes)
  const generous = { ...settings, limits: { ...settings.limits, pidsLimit: 512 } }
  t.equal(buildContainerSpec(generous, request('java')).HostConfig?.PidsLimit, 512, 'a higher default wins')
  t.equal(languageOf('python').compileCommand, null, 'an interpreted language has no compile step')
  t.equal(languageOf('java').sourcePath, '/tmp/Main.java')
})
