// tsc, made fast: this script is built into a V8 startup snapshot when the image is built (see the Dockerfile).
// TypeScript is loaded, and the standard library and Node's types parsed and bound, once then; a run's compile
// (`node --snapshot-blob tsc.blob`, language.json) starts from that heap, reads and checks /tmp/main.ts alone, and
// says its errors and exit status (2) as tsc does. The options are tsc's, in the same words.
const fs = require('node:fs')
const path = require('node:path')
const v8 = require('node:v8')
const vm = require('node:vm')

const TYPESCRIPT = '/usr/share/nodejs/typescript/lib/typescript.js'
const SOURCE = '/tmp/main.ts'
const TSC_ARGS = [
  '--target', 'es2022', '--module', 'commonjs', '--lib', 'es2022', '--strict', '--skipLibCheck',
  '--typeRoots', '/usr/share/nodejs/@types', '--types', 'node', '--outDir', '/tmp', SOURCE,
]

// A snapshot's builder script may require built-in modules only: TypeScript (one file) is evaluated by hand.
const loaded = { exports: {} }
const wrapped = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(TYPESCRIPT, 'utf8')}\n})`
vm.runInThisContext(wrapped, { filename: TYPESCRIPT })(loaded.exports, require, loaded, TYPESCRIPT, path.dirname(TYPESCRIPT))
const ts = loaded.exports
const { options } = ts.parseCommandLine(TSC_ARGS)

/** A compiler host that keeps every file but the source as parsed (and bound) the first time. */
const kept = new Map()
function compilerHost() {
  const host = ts.createCompilerHost(options)
  const read = host.getSourceFile
  host.getSourceFile = (name, ...rest) => {
    if (name === SOURCE) return read(name, ...rest)
    if (!kept.has(name)) kept.set(name, read(name, ...rest))
    return kept.get(name)
  }
  return host
}

fs.writeFileSync(SOURCE, 'const warm: number = 1\nconsole.log(warm)\n')
const warm = ts.createProgram([SOURCE], options, compilerHost())
warm.getSemanticDiagnostics()
fs.rmSync(SOURCE)
fs.rmSync('/tmp/main.js', { force: true })

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const program = ts.createProgram([SOURCE], options, compilerHost(), warm)
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics]
  const format = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => '/tmp', getNewLine: () => '\n' }
  if (diagnostics.length > 0) process.stdout.write(ts.formatDiagnostics(diagnostics, format))
  process.exitCode = diagnostics.some((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error) ? 2 : 0
})
