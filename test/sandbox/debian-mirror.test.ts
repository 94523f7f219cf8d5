import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import t, { type Test } from 'tap'

/** images/debian-mirror.sh on an apt folder of the test's own, holding the given files. */
function mirrorFrom(t: Test, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'livecode-apt-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(path.join(dir, 'sources.list.d'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return execFileSync('images/debian-mirror.sh', [dir]).toString()
}

t.test('deb822: the first enabled deb source of a main suite; security, updates and deb-src skipped', async (t) => {
  const mirror = mirrorFrom(t, {
    'sources.list.d/a-security.sources':
      'Types: deb\nURIs: http://security.example.invalid/debian-security\nSuites: trixie-security\nComponents: main\n',
    'sources.list.d/b-debian.sources': [
      '# a comment',
      'Types: deb-src',
      'URIs: http://src.example.invalid/debian',
      'Suites: trixie',
      '',
      'Types: deb',
      'URIs: http://off.example.invalid/debian',
      'Suites: trixie',
      'Enabled: no',
      '',
      'types: deb',
      'uris: http://mirror.example.invalid/debian http://second.example.invalid/debian',
      'suites: trixie-updates trixie',
      'Components: main',
    ].join('\n'),
  })
  t.equal(mirror, 'http://mirror.example.invalid/debian\n')
})

t.test('one-line sources.list, with options in brackets', async (t) => {
  const mirror = mirrorFrom(t, {
    'sources.list': [
      'deb-src http://src.example.invalid/debian bookworm main',
      'deb http://security.example.invalid/debian-security bookworm-security main',
      'deb [arch=amd64 signed-by=/usr/share/keyrings/debian.gpg] https://mirror.example.invalid/debian bookworm main',
    ].join('\n'),
  })
  t.equal(mirror, 'https://mirror.example.invalid/debian\n')
})

t.test('deb822 wins over the one-line format; sources that are not http(s) are skipped', async (t) => {
  const mirror = mirrorFrom(t, {
    'sources.list': 'deb http://one-line.example.invalid/debian trixie main\n',
    'sources.list.d/cd.sources': 'Types: deb\nURIs: cdrom:[Debian]/\nSuites: trixie\n',
    'sources.list.d/debian.sources': 'Types: deb\nURIs: http://deb822.example.invalid/debian\nSuites: trixie\n',
  })
  t.equal(mirror, 'http://deb822.example.invalid/debian\n')
})

t.test('no Debian source at all: nothing, so debootstrap uses its own default', async (t) => {
  t.equal(mirrorFrom(t, {}), '')
  t.equal(mirrorFrom(t, { 'sources.list': 'deb http://x.example.invalid/debian trixie-security main\n' }), '')
})
