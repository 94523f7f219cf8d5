// Writes src/generated/api.ts from LiveCode's OpenAPI document, read from a running API or a file:
//   node scripts/generate.ts [http://127.0.0.1:3000/openapi.json | path/to/openapi.json]
import { readFile, writeFile } from 'node:fs/promises'
import { generateTypes } from './generate-types.ts'

const source = process.argv[2] ?? 'http://127.0.0.1:3000/openapi.json'
const document = /^https?:\/\//.test(source)
  ? await (await fetch(source)).json()
  : JSON.parse(await readFile(source, 'utf8'))
const target = new URL('../src/generated/api.ts', import.meta.url)
await writeFile(target, await generateTypes(document))
console.error(`wrote ${target.pathname} from ${source}`)
