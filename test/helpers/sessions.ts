import type { FastifyInstance } from 'fastify'

/** Creates a code session through the API (a Python one by default) and returns its JSON; throws unless 201. */
export async function createSession(
  app: FastifyInstance,
  body: Record<string, unknown> = { language: 'python', source_code: 'print(1)' },
): Promise<Record<string, any>> {
  const response = await app.inject({ method: 'POST', url: '/code-sessions', payload: body })
  if (response.statusCode !== 201) throw new Error(`create session: ${response.statusCode} ${response.body}`)
  return response.json()
}
