// The code editor: CodeMirror 6 with the language's highlighting, Tab to indent (Escape then Tab, or
// Ctrl-M, leaves the editor, so keyboard users are never trapped), and Ctrl/Cmd+Enter to run.

import { autocompletion } from '@codemirror/autocomplete'
import { indentWithTab, temporarilySetTabFocusMode } from '@codemirror/commands'
import { cpp } from '@codemirror/lang-cpp'
import { javascript } from '@codemirror/lang-javascript'
import { python } from '@codemirror/lang-python'
import { Compartment, EditorState, Prec } from '@codemirror/state'
import { oneDark } from '@codemirror/theme-one-dark'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import type { LanguageId } from './contract.ts'

const LANGUAGE_SUPPORT = { python: () => python(), javascript: () => javascript(), cpp: () => cpp() }

export interface CodeEditor {
  getSource(): string
  setSource(source: string): void
  setLanguage(language: LanguageId): void
  focus(): void
}

export interface CodeEditorOptions {
  parent: HTMLElement
  language: LanguageId
  source: string
  /** Each edit made by the person (not those made through setSource). */
  onEdit(source: string): void
  onRun(): void
}

export function createEditor({ parent, language, source, onEdit, onRun }: CodeEditorOptions): CodeEditor {
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
        languageSlot.of(LANGUAGE_SUPPORT[language]()),
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
    setLanguage(next) {
      view.dispatch({ effects: languageSlot.reconfigure(LANGUAGE_SUPPORT[next]()) })
    },
    focus: () => view.focus(),
  }
}
