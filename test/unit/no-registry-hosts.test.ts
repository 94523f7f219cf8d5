// The project names no package registry, mirror or CDN host: what it installs comes from the host's own
// configuration (apt sources, npm's registry setting, Docker's), and the pages it serves load nothing from
// elsewhere. package-lock.json is npm's record of where packages were resolved; npm maps it to the
// configured registry, so it is left out.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import t from 'tap'

const THIS_FILE = 'test/unit/no-registry-hosts.test.ts'

// docker.io only as a registry (docker.io/…): docker.io alone is also the name of Debian's Docker package.
const HOSTS =
  /\b(?:[a-z0-9-]+\.)*(?:debian\.org|ubuntu\.com|npmjs\.(?:org|com)|yarnpkg\.com|docker\.com|ghcr\.io|quay\.io|gcr\.io|pypi\.org|pythonhosted\.org|nodejs\.org|githubusercontent\.com|unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|skypack\.dev)\b|\bdocker\.io\//gi

t.test('no file of the project names a registry, mirror or CDN host', async (t) => {
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && file !== 'package-lock.json' && file !== THIS_FILE && !file.endsWith('.png'))
  t.ok(files.length > 50, `${files.length} tracked files read`)
  const found = files.flatMap((file) => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return [] // listed but deleted in the working tree
    }
    return [...text.matchAll(HOSTS)].map((match) => `${file}: ${match[0]}`)
  })
  t.same(found, [], 'registry hosts named')
})
