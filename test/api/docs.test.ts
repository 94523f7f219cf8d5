import t from 'tap'
import { createTestApp } from './app-helper.ts'

t.test('GET /docs is Swagger UI on the same OpenAPI document, with every asset served here', async (t) => {
  const { app } = await createTestApp(t)
  const page = await app.inject({ method: 'GET', url: '/docs' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, /swagger-ui/)
  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '')
  t.ok(assets.length > 0, 'the page loads assets')
  for (const asset of assets) {
    t.notMatch(asset, /^(https?:)?\/\//, `${asset} is served by the API, not by another host`)
    const response = await app.inject({ method: 'GET', url: new URL(asset, 'http://api/docs/').pathname })
    t.equal(response.statusCode, 200, `${asset} is there`)
  }

  const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.equal(initializer.statusCode, 200)
  t.match(initializer.body, /validatorUrl: null/, 'no call to the online validator')

  const documentForUi = await app.inject({ method: 'GET', url: '/docs/json' })
  const document = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.same(documentForUi.json(), document.json(), 'the UI reads the document /openapi.json serves')
  t.ok(document.json().paths['/code-sessions'], 'the document describes the API')
})
