import t from 'tap'
import { PLAYGROUND_CSP } from '../../src/api/plugins/playground.ts'
import { createTestApp } from './app-helper.ts'

t.test('GET / is the playground page, limited to this origin by its CSP', async (t) => {
  const { app } = await createTestApp(t)
  const page = await app.inject({ method: 'GET', url: '/' })
  t.equal(page.statusCode, 200, 'built by `make playground` before the tests')
  t.match(page.headers['content-type'], /^text\/html/)
  t.equal(page.headers['content-security-policy'], PLAYGROUND_CSP)
  t.match(PLAYGROUND_CSP, /default-src 'self'/)
  t.match(PLAYGROUND_CSP, /script-src 'self'(;|$)/, 'scripts from here only')
  t.match(PLAYGROUND_CSP, /connect-src 'self'(;|$)/, 'requests to this API only')
  for (const accessible of [
    /<label class="language-label" for="language">Language<\/label>/,
    /<label for="stdin">Input<\/label>/,
    /<button id="run"[^>]*>[\s\S]*?Run<kbd aria-hidden="true">/,
    /<button id="cancel"[^>]*>[\s\S]*?Cancel\s*<\/button>/,
    /<section class="pane output-pane" aria-labelledby="output-title">/,
    /<h2 id="output-title">Output<\/h2>/,
    /role="status" aria-label="Status"/,
  ]) {
    t.match(page.body, accessible)
  }
})

t.test('the page loads only its own bundle, served here, compressed where the browser accepts it', async (t) => {
  const { app } = await createTestApp(t)
  const page = await app.inject({ method: 'GET', url: '/' })
  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((match) => match[1] ?? '')
    .filter((asset) => !asset.startsWith('data:') && !asset.startsWith('#'))
  t.same(assets.sort(), ['/docs', '/playground/app.css', '/playground/app.js'])
  const script = await app.inject({ method: 'GET', url: '/playground/app.js' })
  t.equal(script.statusCode, 200)
  t.match(script.headers['content-type'], /javascript/)
  t.equal(script.headers['x-content-type-options'], 'nosniff')
  t.ok(script.body.length > 100_000, 'CodeMirror is in the bundle')
  const brotli = await app.inject({
    method: 'GET',
    url: '/playground/app.js',
    headers: { 'accept-encoding': 'br, gzip' },
  })
  t.equal(brotli.headers['content-encoding'], 'br')
  t.ok(brotli.rawPayload.length < script.rawPayload.length / 2, 'the compressed bundle is much smaller')
  const styles = await app.inject({ method: 'GET', url: '/playground/app.css' })
  t.match(styles.headers['content-type'], /text\/css/)
  const missing = await app.inject({ method: 'GET', url: '/playground/nothing.js' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'not_found')
})
