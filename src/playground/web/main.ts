// The playground: one code session per page, its id in the URL (?session=…) so a reload or a shared link
// opens the same code, input and runs.
import './style.css'
import { api } from './api.ts'
import { Autosaver, type SaveState } from './autosave.ts'
import type { Execution, ExecutionStatus, LanguageId, Session } from './contract.ts'
import { isTerminal } from './contract.ts'
import { byId, clockTime, newUuid } from './dom.ts'
import { createEditor } from './editor.ts'
import { formatDuration, verdictOf } from './format.ts'
import { HistoryView } from './history-view.ts'
import { followExecution } from './live-run.ts'
import { OutputView } from './output-view.ts'
import { ProblemView } from './problem-view.ts'
import { ApiProblem } from './problems.ts'
import { isStarter, STARTER_INPUT, servedLanguage, setServedLanguages, starterOf } from './templates.ts'
import { TestCasesView } from './test-cases-view.ts'

type Changes = Partial<Pick<Session, 'language' | 'source_code' | 'stdin'>>

const AUTOSAVE_DELAY_MS = 600
const SAVE_RETRY_MS = 5000
const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  pending: 'Edited',
  saving: 'Saving…',
  failed: 'Not saved',
}

const languageSelect = byId<HTMLSelectElement>('language')
const languageVersion = byId('language-version')
const runButton = byId<HTMLButtonElement>('run')
const cancelButton = byId<HTMLButtonElement>('cancel')
const statusElement = byId('status')
const saveState = byId('save-state')
const fileName = byId('file-name')
const stdinField = byId<HTMLTextAreaElement>('stdin')
const interactiveBox = byId<HTMLInputElement>('interactive')
const inputLineForm = byId<HTMLFormElement>('input-line-form')
const inputLine = byId<HTMLInputElement>('input-line')

const output = new OutputView()
const testCases = new TestCasesView(() => saveTestCases())
const problems = new ProblemView(() => void startNewSession())
const history = new HistoryView((id) => void showExecution(id))

let session: Session | undefined
let live: { executionId: string; stop(): void } | undefined
let runsAllowedAt = 0
let versions: Partial<Record<LanguageId, string | null>> = {}

const autosaver = new Autosaver<Changes>(
  async (changes) => {
    if (!session) return
    session = await api.updateSession(session.session_id, changes)
  },
  AUTOSAVE_DELAY_MS,
  (state, error) => {
    saveState.textContent = SAVE_LABELS[state]
    saveState.dataset.state = state
    if (state === 'failed' && error instanceof ApiProblem) {
      problems.show(error, 'save')
      // An outage passes; a refusal (too large, not found) waits for the next edit.
      if (['network', 'unavailable', 'overloaded'].includes(error.code)) {
        setTimeout(() => void autosaver.flush(), (error.retryAfterSeconds ?? 0) * 1000 || SAVE_RETRY_MS)
      }
    } else if (state === 'saved') {
      problems.hideIf('save')
    }
  },
)

const editor = createEditor({
  parent: byId('editor'),
  mode: null,
  source: '',
  onEdit: (source) => autosaver.change({ source_code: source }),
  onRun: () => void run(),
})

function setStatus(text: string, tone = 'neutral'): void {
  statusElement.textContent = text
  statusElement.dataset.tone = tone
}

function describeStatus(status: ExecutionStatus): string {
  return status === 'QUEUED' ? 'Queued: waiting for a sandbox…' : 'Running…'
}

function updateButtons(): void {
  const running = live !== undefined
  runButton.disabled = !session || running || Date.now() < runsAllowedAt
  cancelButton.disabled = !running
  history.setDisabled(running)
}

function showLanguage(language: LanguageId): void {
  languageSelect.value = language
  const served = servedLanguage(language)
  fileName.textContent = served?.source_file ?? ''
  languageVersion.textContent = versions[language] ?? ''
  editor.setMode(served?.editor ?? null)
}

/** Test cases are the page's, kept in this browser per session: a reload or a new session keeps them. */
const casesKey = (sessionId: string) => `livecode:test-cases:${sessionId}`

function saveTestCases(): void {
  if (!session) return
  try {
    localStorage.setItem(casesKey(session.session_id), JSON.stringify(testCases.drafts()))
  } catch {
    // Storage full or off: the cases stay on the page.
  }
}

function loadTestCases(sessionId: string): void {
  try {
    const saved = localStorage.getItem(casesKey(sessionId))
    if (saved) testCases.load(JSON.parse(saved))
  } catch {
    // Nothing readable kept: the page's cases stay as they are.
  }
}

function openSession(opened: Session): void {
  session = opened
  loadTestCases(opened.session_id)
  saveTestCases()
  const url = new URL(window.location.href)
  url.searchParams.set('session', opened.session_id)
  window.history.replaceState(null, '', url)
  showLanguage(opened.language)
  editor.setSource(opened.source_code)
  stdinField.value = opened.stdin
  autosaver.discard()
  updateButtons()
}

async function createSession(from?: Changes): Promise<Session> {
  const language = from?.language ?? 'python'
  return api.createSession({
    language,
    source_code: from?.source_code ?? starterOf(language),
    stdin: from?.stdin ?? STARTER_INPUT,
  })
}

/** A fresh session (new link, no runs) that keeps what is in the editor. */
async function startNewSession(): Promise<void> {
  live?.stop()
  live = undefined
  try {
    const created = await createSession({
      language: languageSelect.value as LanguageId,
      source_code: editor.getSource(),
      stdin: stdinField.value,
    })
    openSession(created)
    output.clear('Run the program to see its output here.')
    output.setCaption('')
    history.render([], 0)
    setStatus('New session ready')
  } catch (error) {
    problems.show(error as ApiProblem, 'create')
  }
}

async function refreshHistory(): Promise<Execution['execution_id'] | undefined> {
  if (!session) return undefined
  try {
    const [list, latest] = await Promise.all([
      api.listExecutions(session.session_id),
      api.getSession(session.session_id),
    ])
    history.render(list.executions, latest.execution_count)
    return list.executions[0]?.execution_id
  } catch (error) {
    problems.show(error as ApiProblem, 'load')
    return undefined
  }
}

async function run(): Promise<void> {
  if (!session || live || Date.now() < runsAllowedAt) return
  const sessionId = session.session_id
  live = { executionId: '', stop() {} }
  updateButtons()
  problems.hide()
  setStatus('Saving…', 'busy')
  if (!(await autosaver.flush())) {
    live = undefined
    setStatus('Not run: the latest edits could not be saved', 'failure')
    updateButtons()
    return
  }
  setStatus('Starting…', 'busy')
  try {
    const interactive = interactiveBox.checked && testCases.cases().length === 0
    const accepted = await api.run(sessionId, newUuid(), { testCases: testCases.cases(), interactive })
    inputLineForm.hidden = !interactive
    if (interactive) inputLine.focus()
    testCases.pending()
    output.clear()
    output.setCaption('live')
    follow(accepted.execution_id)
    void refreshHistory()
  } catch (error) {
    live = undefined
    const problem = error as ApiProblem
    if (problem.retryAfterSeconds !== null) runsAllowedAt = Date.now() + problem.retryAfterSeconds * 1000
    problems.show(problem, 'run', updateButtons)
    setStatus('Not run', 'failure')
    updateButtons()
  }
}

function follow(executionId: string): void {
  history.markCurrent(executionId)
  setStatus('Queued: waiting for a sandbox…', 'busy')
  const follower = followExecution(executionId, {
    onStatus: (status) => {
      if (!isTerminal(status)) setStatus(describeStatus(status), 'busy')
    },
    onOutput: (stream, text) => output.append(stream, text),
    onCase: (result) => testCases.showResult(result),
    onDone: (execution) => {
      live = undefined
      inputLineForm.hidden = true
      // The live output keeps stdout and stderr interleaved as written; the stored one wins if they differ.
      if (!output.shows(execution)) output.showStored(execution)
      finish(execution)
      updateButtons()
      void refreshHistory()
    },
    onTrouble: (problem) => setStatus(`${problem.message}: still waiting for the run…`, 'warning'),
  })
  live = { executionId, stop: follower.stop }
  updateButtons()
}

function finish(execution: Execution): void {
  output.showVerdict(execution)
  testCases.showResults(execution.test_results)
  output.setCaption(execution.started_at ? `run at ${clockTime(execution.started_at)}` : '')
  const verdict = verdictOf(execution)
  const took = execution.duration_ms === null ? '' : ` in ${formatDuration(execution.duration_ms)}`
  setStatus(`${verdict.label}${took}`, verdict.tone)
}

async function showExecution(executionId: string): Promise<void> {
  if (live) return
  try {
    const execution = await api.getExecution(executionId)
    history.markCurrent(executionId)
    if (!isTerminal(execution.status)) {
      output.clear()
      output.setCaption('live')
      follow(executionId)
      return
    }
    output.showStored(execution)
    finish(execution)
  } catch (error) {
    problems.show(error as ApiProblem, 'load')
  }
}

/** The address opens this session for anyone who can reach the API; the clipboard saves selecting it. */
async function copyLink(): Promise<void> {
  try {
    await navigator.clipboard.writeText(window.location.href)
    setStatus('Link copied: it opens this session')
  } catch {
    setStatus('Copy the address bar to share this session', 'warning')
  }
}

async function cancel(): Promise<void> {
  if (!live?.executionId) return
  setStatus('Cancelling…', 'busy')
  try {
    await api.cancel(live.executionId)
  } catch (error) {
    const problem = error as ApiProblem
    if (problem.code !== 'already_finished') problems.show(problem, 'cancel')
  }
}

languageSelect.addEventListener('change', () => {
  const language = languageSelect.value as LanguageId
  const changes: Changes = { language }
  if (isStarter(editor.getSource())) {
    editor.setSource(starterOf(language))
    changes.source_code = starterOf(language)
  }
  showLanguage(language)
  autosaver.change(changes)
})
stdinField.addEventListener('input', () => autosaver.change({ stdin: stdinField.value }))
runButton.addEventListener('click', () => void run())
/** An interactive run's input: each line as typed (Enter), Ctrl+D the end of it. */
async function sendInput(data: string, eof: boolean): Promise<void> {
  if (!live?.executionId) return
  try {
    await api.input(live.executionId, data, eof)
    if (eof) inputLineForm.hidden = true
  } catch (error) {
    problems.show(error as ApiProblem, 'run')
  }
}
inputLineForm.addEventListener('submit', (event) => {
  event.preventDefault()
  const line = `${inputLine.value}\n`
  inputLine.value = ''
  void sendInput(line, false)
})
inputLine.addEventListener('keydown', (event) => {
  if (event.ctrlKey && event.key === 'd') {
    event.preventDefault()
    const rest = inputLine.value
    inputLine.value = ''
    void sendInput(rest, true)
  }
})
cancelButton.addEventListener('click', () => void cancel())
byId('new-session').addEventListener('click', () => void startNewSession())
byId('copy-link').addEventListener('click', () => void copyLink())
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && !event.defaultPrevented) {
    event.preventDefault()
    void run()
  }
})
// Edits still waiting for their save go out before the page does.
window.addEventListener('pagehide', () => void autosaver.flush())

async function loadLanguages(): Promise<void> {
  try {
    const languages = await api.languages()
    setServedLanguages(languages)
    versions = Object.fromEntries(languages.map((language) => [language.language, language.version]))
    languageSelect.replaceChildren(...languages.map((language) => new Option(language.name, language.language)))
    languageSelect.value = 'python'
    languageVersion.textContent = versions[languageSelect.value] ?? ''
  } catch {
    // The page's own menu (Python) still works; the others come with the next load.
  }
}

async function start(): Promise<void> {
  setStatus('Loading…', 'busy')
  // The menu, the starters and the editor modes all come from the served list: wait for it.
  await loadLanguages()
  const requested = new URL(window.location.href).searchParams.get('session')
  try {
    if (requested) {
      try {
        openSession(await api.getSession(requested))
      } catch (error) {
        if ((error as ApiProblem).code !== 'not_found' && (error as ApiProblem).code !== 'validation_error') throw error
        openSession(await createSession())
        problems.show(new ApiProblem(404, 'session_gone', 'no such session'), 'load')
      }
    } else {
      openSession(await createSession())
    }
  } catch (error) {
    problems.show(error as ApiProblem, 'create')
    setStatus('Could not open a session', 'failure')
    return
  }
  setStatus('Ready')
  const latest = await refreshHistory()
  if (latest) await showExecution(latest)
}

void start()
