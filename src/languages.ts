/** The languages LiveCode runs, as data. Each one has an image built from images/<id>/. */
export const LANGUAGE_IDS = ['python', 'javascript', 'cpp'] as const
export type LanguageId = (typeof LANGUAGE_IDS)[number]

export interface Language {
  id: LanguageId
  /** Human name shown by GET /languages. */
  name: string
  /** Folder under images/ and suffix of the image name. */
  image: string
  /** Where the in-container runner writes the source (inside the /tmp tmpfs). */
  sourcePath: string
  /** Shell command that compiles the source; null where the language is interpreted. */
  compileCommand: string | null
  /** argv of the program itself. */
  runCommand: string[]
  /** argv that prints the toolchain's version (first line kept). */
  versionCommand: string[]
}

export const LANGUAGES: Record<LanguageId, Language> = {
  python: {
    id: 'python',
    name: 'Python',
    image: 'python',
    sourcePath: '/tmp/main.py',
    compileCommand: null,
    runCommand: ['python3', '-B', '/tmp/main.py'],
    versionCommand: ['python3', '--version'],
  },
  javascript: {
    id: 'javascript',
    name: 'JavaScript (Node.js)',
    image: 'javascript',
    sourcePath: '/tmp/main.js',
    compileCommand: null,
    runCommand: ['node', '/tmp/main.js'],
    versionCommand: ['node', '--version'],
  },
  cpp: {
    id: 'cpp',
    name: 'C++ (g++)',
    image: 'cpp',
    sourcePath: '/tmp/main.cpp',
    compileCommand: 'g++ -std=c++20 -O2 -pipe -o /tmp/main /tmp/main.cpp',
    runCommand: ['/tmp/main'],
    versionCommand: ['g++', '--version'],
  },
}

export function imageName(prefix: string, language: LanguageId): string {
  return `${prefix}/${LANGUAGES[language].image}`
}
