import type { FastifyInstance } from 'fastify'

/** Files every route the calling plugin declares (and only those: the hook is encapsulated) under one OpenAPI tag. */
export function tagRoutes(app: Pick<FastifyInstance, 'addHook'>, tag: string): void {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, tags: [tag] }
  })
}
