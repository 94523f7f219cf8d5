// Bundles the playground (src/playground/web) into src/playground/dist with esbuild: CodeMirror and the
// page's code in one script, the styles in one sheet, the HTML copied. Run by `make playground` (which
// `make up`, `make api` and `make test` depend on) and by the image build; the API only serves the output.
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export const PLAYGROUND_SOURCE = path.join(import.meta.dirname, 'web')
export const PLAYGROUND_DIST = path.join(import.meta.dirname, 'dist')

/** Builds into a fresh folder, then swaps it in, so the API never serves half a build. */
export async function buildPlayground(outdir = PLAYGROUND_DIST): Promise<void> {
  const staging = `${outdir}.${process.pid}.tmp`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  await build({
    entryPoints: { app: path.join(PLAYGROUND_SOURCE, 'main.ts') },
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    outdir: staging,
    legalComments: 'linked',
    logLevel: 'warning',
  })
  await copyFile(path.join(PLAYGROUND_SOURCE, 'index.html'), path.join(staging, 'index.html'))
  // Served as they are to browsers that accept them (@fastify/static's preCompressed): 650 KiB of script
  // travel as about 200.
  for (const name of ['app.js', 'app.css']) {
    const file = path.join(staging, name)
    const content = await readFile(file)
    await writeFile(`${file}.br`, brotliCompressSync(content))
    await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }))
  }
  await rm(outdir, { recursive: true, force: true })
  await rename(staging, outdir)
}

if (import.meta.main) {
  const started = Date.now()
  await buildPlayground()
  console.log(`playground built into ${path.relative(process.cwd(), PLAYGROUND_DIST)} in ${Date.now() - started} ms`)
}
