import openapiTS, { astToString } from 'openapi-typescript'

const HEADER = `// Generated from LiveCode's OpenAPI document by scripts/generate.ts (openapi-typescript): do not edit.
// make test fails when this differs from what the API serves; regenerate with
//   npm run generate -- http://127.0.0.1:3000/openapi.json   (in clients/typescript)
`

/** The TypeScript types of an OpenAPI document, as src/generated/api.ts holds them. */
export async function generateTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0])
  return `${HEADER}\n${astToString(ast)}`
}
