// The code editor: CodeMirror 6 with the language's highlighting, Tab to indent (Escape then Tab, or
// Ctrl-M, leaves the editor, so keyboard users are never trapped), and Ctrl/Cmd+Enter to run.

import { autocompletion } from '@codemirror/autocomplete'
import { indentWithTab, temporarilySetTabFocusMode } from '@codemirror/commands'
import { cpp } from '@codemirror/lang-cpp'
import { go } from '@codemirror/lang-go'
import { java } from '@codemirror/lang-java'
import { javascript } from '@codemirror/lang-javascript'
import { python } from '@codemirror/lang-python'
import { rust } from '@codemirror/lang-rust'
import { StreamLanguage } from '@codemirror/language'
import { ruby } from '@codemirror/legacy-modes/mode/ruby'
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state'
import { oneDark } from '@codemirror/theme-one-dark'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'

/** The editor modes a manifest's `editor` may name; any other is plain text. */
const EDITOR_MODES: Record<string, () => Extension> = {
  python: () => python(),
  javascript: () => javascript(),
  typescript: () => javascript({ typescript: true }),
  cpp: () => cpp(),
  c: () => cpp(),
  go: () => go(),
  rust: () => rust(),
  java: () => java(),
  ruby: () => StreamLanguage.define(ruby),
}

function editorMode(mode: string | null): Extension {
  return (mode !== null && EDITOR_MODES[mode]?.()) || []
}

export interface CodeEditor {
  getSource(): string
  setSource(source: string): void
  /** The language's editor mode, as GET /languages gives it (null: plain text). */
  setMode(mode: string | null): void
  focus(): void
}

export interface CodeEditorOptions {
  parent: HTMLElement
  mode: string | null
  source: string
  /** Each edit made by the person (not those made through setSource). */
  onEdit(source: string): void
  onRun(): void
}

export function createEditor({ parent, mode, source, onEdit, onRun }: CodeEditorOptions): CodeEditor {
  const languageSlot = new Compartment()
  let settingSource = false
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: source,
      extensions: [
        // Above the default keymap, where Mod-Enter inserts a blank line.
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                onRun()
                return true
              },
              preventDefault: true,
            },
          ]),
        ),
        basicSetup,
        // Suggestions show as you type, but Enter still ends the line: "import time⏎" must not become
        // "import TimeoutError". Arrow keys pick a suggestion, then Enter takes it.
        autocompletion({ selectOnOpen: false }),
        keymap.of([indentWithTab]),
        // Escape first clears a selection (the default keymap); otherwise it frees Tab for two seconds.
        Prec.low(keymap.of([{ key: 'Escape', run: temporarilySetTabFocusMode }])),
        languageSlot.of(editorMode(mode)),
        oneDark,
        EditorView.contentAttributes.of({ 'aria-label': 'Source code', 'aria-describedby': 'editor-help' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !settingSource) onEdit(update.state.doc.toString())
        }),
      ],
    }),
  })
  return {
    getSource: () => view.state.doc.toString(),
    setSource(next) {
      settingSource = true
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } })
      } finally {
        settingSource = false
      }
    },
    setMode(next) {
      view.dispatch({ effects: languageSlot.reconfigure(editorMode(next)) })
    },
    focus: () => view.focus(),
  }
}
