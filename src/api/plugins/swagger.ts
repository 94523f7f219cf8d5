import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

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
      uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
    })
  },
  { name: 'swagger' },
)
