import swagger from '@fastify/swagger'
import fp from 'fastify-plugin'

/** The OpenAPI document, generated from the routes' TypeBox schemas; registered before the routes it describes. */
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
  },
  { name: 'swagger' },
)
