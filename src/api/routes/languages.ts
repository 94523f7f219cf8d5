import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listLanguageVersions } from '../../db/language-versions-repository.ts'
import { LANGUAGE_IDS, LANGUAGES } from '../../languages.ts'
import { tagRoutes } from '../openapi-tag.ts'
import { errorResponses } from '../schemas/common.ts'
import { LanguageListSchema } from '../schemas/languages.ts'

const languagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  tagRoutes(app, 'languages')
  app.get(
    '/languages',
    {
      schema: {
        summary: 'The languages sessions may use, with the toolchain version the workers report',
        response: { 200: LanguageListSchema, ...errorResponses('unauthorized', 'unavailable', 'internal_error') },
      },
    },
    async () => {
      const versions = await listLanguageVersions(app.db)
      return LANGUAGE_IDS.map((id) => ({ language: id, name: LANGUAGES[id].name, version: versions.get(id) ?? null }))
    },
  )
}

export default languagesRoutes
