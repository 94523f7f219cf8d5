import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listLanguageVersions } from '../../db/language-versions-repository.ts'
import { LANGUAGE_IDS, languageOf } from '../../languages.ts'
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
      return LANGUAGE_IDS.map((id) => {
        const language = languageOf(id)
        return {
          language: id,
          name: language.name,
          source_file: language.sourcePath.slice('/tmp/'.length),
          example: language.example,
          editor: language.editor,
          version: versions.get(id) ?? null,
        }
      })
    },
  )
}

export default languagesRoutes
