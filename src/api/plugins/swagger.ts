import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="32" viewBox="0 0 150 32">
<rect x="1" y="4" width="24" height="24" rx="6" fill="#22b866"/><path d="M10 10v12l9.5-6z" fill="#0d1a12"/>
<text x="33" y="23" font-family="system-ui,sans-serif" font-size="19" font-weight="650" fill="#fff">LiveCode</text>
</svg>`

/**
 * The OpenAPI document, generated from the routes' TypeBox schemas, at /openapi.json, and Swagger UI reading
 * the same document at /docs (its assets come from the npm package: nothing is fetched from elsewhere).
 * Registered before the routes it describes.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'LiveCode',
          description: 'Asynchronous code execution: one network-less, memory-capped container per run',
          version: '0.1.0',
        },
      },
    })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // The top bar's logo says whose API this is and leads back to the playground.
      logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/', target: '_self' },
      uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
    })
  },
  { name: 'swagger' },
)
