// Every relative link (a file, or a file's #heading) in README.md and docs/ must point somewhere.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import t from 'tap'

const root = resolve(import.meta.dirname, '../..')
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]

const withoutFences = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '')
const withoutCode = (markdown: string) => withoutFences(markdown).replace(/`[^`\n]*`/g, '')

/** GitHub's anchors: lower case, punctuation but - and _ dropped, spaces to -, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const [, heading = ''] of withoutFences(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

function brokenLinks(path: string, text = readFileSync(join(root, path), 'utf8')): string[] {
  const broken: string[] = []
  for (const [, target = ''] of withoutCode(text).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue
    const [file = '', anchor] = target.split('#')
    const to = file === '' ? join(root, path) : resolve(dirname(join(root, path)), decodeURIComponent(file))
    if (!existsSync(to)) {
      broken.push(`${target}: no ${relative(root, to)}`)
      continue
    }
    if (anchor !== undefined && (statSync(to).isDirectory() || !anchorsOf(readFileSync(to, 'utf8')).has(anchor))) {
      broken.push(`${target}: no heading #${anchor} in ${relative(root, to)}`)
    }
  }
  return broken
}

t.test('README.md and docs/ are there, one file per reader', async (t) => {
  t.same(documents.sort(), [
    'README.md',
    'docs/api.md',
    'docs/development.md',
    'docs/integrations.md',
    'docs/operations.md',
    'docs/performance.md',
    'docs/security.md',
  ])
  t.ok(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length < 220, 'README.md stays short')
})

for (const path of documents) {
  t.test(`every relative link in ${path} points somewhere`, async (t) => {
    t.same(brokenLinks(path), [])
  })
}

t.test('the checker finds a missing file and a missing heading, and ignores code', async (t) => {
  t.same(
    anchorsOf('# Usage: `cpu_time_ms` and more\n## A b\n## A b\n```\n# not a heading\n```\n'),
    new Set(['usage-cpu_time_ms-and-more', 'a-b', 'a-b-1']),
  )
  const text =
    '[a](nowhere.md) `[b](nowhere-either.md)` [c](api.md#no-such-heading) [d](api.md#live-runs) [e](https://example.invalid/x)'
  t.same(brokenLinks('docs/example.md', text), [
    'nowhere.md: no docs/nowhere.md',
    'api.md#no-such-heading: no heading #no-such-heading in docs/api.md',
  ])
})
