// The playground in a real browser: headless Chromium (Debian's package) driven by puppeteer-core against a
// real API and worker. Elements are found by role and accessible name, as assistive technology finds them.
import type { Browser, HTTPRequest, Page } from 'puppeteer-core'
import t, { type Test } from 'tap'
import { launchChromium, type PlaygroundServer, startPlaygroundServer } from '../helpers/playground.ts'
import { underGvisor } from '../helpers/runtime.ts'

const RUN_TIMEOUT_MS = 90_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`

interface OpenPage {
  page: Page
  requests: HTTPRequest[]
}

async function openPlayground(t: Test, browser: Browser, url: string): Promise<OpenPage> {
  const page = await browser.newPage()
  t.teardown(() => page.close().catch(() => {}))
  await page.setViewport({ width: 1360, height: 860 })
  const requests: HTTPRequest[] = []
  page.on('request', (request) => requests.push(request))
  await page.goto(url, { waitUntil: 'load' })
  await waitForStatus(page, /^(Ready|Completed|Compile error|Cancelled)/)
  return { page, requests }
}

/** Evaluated in the page; the test's own TypeScript has no DOM types. */
const textOf = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (element) => (element as { textContent: string | null }).textContent ?? '')

async function waitForStatus(page: Page, pattern: RegExp, timeout = RUN_TIMEOUT_MS): Promise<string> {
  await page.waitForFunction(
    (source: string, flags: string) =>
      new RegExp(source, flags).test(
        (globalThis as any).document.querySelector('[role="status"][aria-label="Status"]')?.textContent ?? '',
      ),
    { timeout },
    pattern.source,
    pattern.flags,
  )
  return textOf(page, '#status')
}

async function waitForOutput(page: Page, text: string, timeout = RUN_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => ((globalThis as any).document.querySelector('#output')?.textContent ?? '').includes(wanted),
    { timeout },
    text,
  )
}

async function waitForVerdict(page: Page, label: string): Promise<void> {
  await page.waitForSelector(`#verdict:not([hidden]) .badge[data-verdict="${label}"]`, { timeout: RUN_TIMEOUT_MS })
}

/** The editor's text, line by line, as CodeMirror shows it. */
const editorText = (page: Page): Promise<string> =>
  page.$$eval('.cm-content .cm-line', (lines) =>
    lines.map((line) => (line as { textContent: string | null }).textContent ?? '').join('\n'),
  )

async function replaceSource(page: Page, source: string): Promise<void> {
  await page.locator(aria('textbox', 'Source code')).click()
  await page.keyboard.down('Control')
  await page.keyboard.press('a')
  await page.keyboard.up('Control')
  await page.keyboard.press('Backspace')
  await page.keyboard.type(source)
  const typed = await editorText(page)
  if (typed !== source) throw new Error(`the editor holds ${JSON.stringify(typed)}, not what was typed`)
}

async function pressCtrl(page: Page, key: 'Enter' | 'End'): Promise<void> {
  await page.keyboard.down('Control')
  await page.keyboard.press(key)
  await page.keyboard.up('Control')
}

async function fact(page: Page, term: string): Promise<string> {
  const facts = await page.$$eval('#verdict .facts div', (items) =>
    items.map((item) => (item as { textContent: string | null }).textContent ?? ''),
  )
  const found = facts.find((text) => text.startsWith(term))
  return found === undefined ? '(missing)' : found.slice(term.length)
}

function assertSameOrigin(t: Test, server: PlaygroundServer, requests: HTTPRequest[]): void {
  const elsewhere = requests
    .map((request) => request.url())
    .filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:'))
  t.same(elsewhere, [], `all ${requests.length} requests went to the API itself (no CDN, no other host)`)
}

const sessionIdOf = (page: Page) => new URL(page.url()).searchParams.get('session') ?? ''

const server = await startPlaygroundServer()
const browser = await launchChromium()
// As a person's browser would after asking: the page may write the clipboard (and the test read it).
await browser
  .defaultBrowserContext()
  .overridePermissions(server.url, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write'])
t.teardown(async () => {
  await browser.close()
  await server.close()
})

const TWO_SECONDS = [
  'import time',
  'print("first line", flush=True)',
  'time.sleep(2)',
  'print("last line", flush=True)',
].join('\n')

t.test(
  'write a program, run it with Ctrl+Enter, watch it print live, see the verdict; reload restores it',
  async (t) => {
    const { page, requests } = await openPlayground(t, browser, server.url)
    const sessionId = sessionIdOf(page)
    t.match(sessionId, UUID, 'the session id is in the URL')

    for (const [role, name] of [
      ['combobox', 'Language'],
      ['textbox', 'Source code'],
      ['textbox', 'Input'],
      ['button', 'Run'],
      ['button', 'Cancel'],
      ['region', 'Output'],
      ['status', 'Status'],
    ] as const) {
      t.ok(await page.$(aria(role, name)), `a ${role} named "${name}"`)
    }

    await replaceSource(page, TWO_SECONDS)
    t.equal(await editorText(page), TWO_SECONDS, 'typed into the editor')

    await pressCtrl(page, 'Enter')
    await waitForOutput(page, 'first line')
    const whileRunning = await server.app.inject({ method: 'GET', url: `/code-sessions/${sessionId}/executions` })
    const [running] = whileRunning.json().executions
    t.match(running?.status, /^(RUNNING|QUEUED)$/, 'the first line is on the page while the run is still going')
    t.notMatch(await textOf(page, '#output'), /last line/, 'and the last one is not there yet')
    t.equal(await textOf(page, '#status'), 'Running…')
    t.ok(await page.$(`${aria('button', 'Cancel')}:not([disabled])`), 'Cancel is enabled during the run')

    await waitForVerdict(page, 'Completed')
    t.equal(await textOf(page, '#output'), 'first line\nlast line\n')
    t.match(await textOf(page, '#status'), /^Completed in \d/)
    t.equal(await fact(page, 'Exit code'), '0')
    t.match(await fact(page, 'Duration'), /^\d[\d.]* (ms|s)$/)
    if (underGvisor()) {
      // gVisor has no cgroupfs inside the sandbox: usage is unknown (docs/security.md, "gVisor"), and says so.
      t.equal(await fact(page, 'CPU time'), '—')
      t.equal(await fact(page, 'Peak memory'), '—')
    } else {
      t.match(await fact(page, 'CPU time'), /^\d[\d.]* (ms|s)$/)
      t.match(await fact(page, 'Peak memory'), /^\d[\d.]* (B|KiB|MiB)$/)
    }
    const saved = await server.app.inject({ method: 'GET', url: `/code-sessions/${sessionId}` })
    t.equal(saved.json().source_code, TWO_SECONDS, 'the run saved the source first')
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('#history li button').length === 1)
    t.match(await textOf(page, '#history'), /#1\s*Completed/, 'the run is in the history')

    // Autosave: a burst of typing becomes a few PATCHes, after a pause.
    const patchesBefore = requests.filter((request) => request.method() === 'PATCH').length
    await page.locator(aria('textbox', 'Source code')).click()
    await pressCtrl(page, 'End')
    const edit = '\n# saved by itself'
    await page.keyboard.type(edit, { delay: 15 })
    await page.locator(aria('textbox', 'Input')).click()
    await page.keyboard.type('Grace', { delay: 15 })
    await page.waitForSelector('#save-state[data-state="saved"]', { timeout: 10_000 })
    const patches = requests.filter((request) => request.method() === 'PATCH').length - patchesBefore
    const keystrokes = edit.length + 'Grace'.length
    // Debounced: a burst of typing becomes far fewer saves than keystrokes (one, unless the machine stalls).
    t.ok(patches >= 1 && patches < keystrokes / 2, `${keystrokes} keystrokes saved in ${patches} PATCH request(s)`)

    await page.locator(aria('button', 'Copy link')).click()
    await waitForStatus(page, /^Link copied/, 5000)
    const copied = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())
    t.equal(copied, `${server.url}/?session=${sessionId}`, 'Copy link gives the address of this session')

    await page.reload({ waitUntil: 'load' })
    await waitForVerdict(page, 'Completed')
    t.equal(sessionIdOf(page), sessionId, 'the same session after a reload')
    t.equal(await editorText(page), TWO_SECONDS + edit, 'the autosaved code is back')
    t.equal(await page.$eval('#stdin', (field) => (field as { value: string }).value), 'Ada\nGrace')
    t.equal(await textOf(page, '#output'), 'first line\nlast line\n', 'the last run is shown again')
    assertSameOrigin(t, server, requests)
  },
)

t.test('a C++ compile error is shown as such, with the compiler’s message', async (t) => {
  const { page, requests } = await openPlayground(t, browser, server.url)
  await page.select('#language', 'cpp')
  await page.waitForFunction(() => (globalThis as any).document.querySelector('#file-name')?.textContent === 'main.cpp')
  t.match(await editorText(page), /#include <iostream>/, 'the untouched starter follows the language')
  await replaceSource(page, 'int main() { return undeclared_name; }')
  await page.locator(aria('button', 'Run')).click()
  await waitForVerdict(page, 'Compile error')
  t.match(await textOf(page, '#status'), /^Compile error/)
  t.equal(await textOf(page, '#verdict .verdict-status'), 'FAILED / compile_error')
  t.match(await textOf(page, '#verdict'), /The compiler rejected the source/)
  const stderr = await textOf(page, '#output .stderr')
  t.match(stderr, /undeclared_name/)
  t.match(stderr, /was not declared/, 'the compiler’s own words, marked as stderr')
  const saved = await server.app.inject({ method: 'GET', url: `/code-sessions/${sessionIdOf(page)}` })
  t.equal(saved.json().language, 'cpp', 'the language change was saved')
  assertSameOrigin(t, server, requests)
})

t.test(
  'the menu is the served list: Go, picked from it, brings its starter, file name and editor mode, and runs',
  async (t) => {
    const { page } = await openPlayground(t, browser, server.url)
    const offered = await page.$$eval('#language option', (options) => options.map((option) => (option as any).value))
    t.strictSame(offered, ['c', 'cpp', 'go', 'java', 'javascript', 'python', 'ruby', 'rust', 'typescript'])
    await page.select('#language', 'go')
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('#file-name')?.textContent === 'main.go',
    )
    t.match(await editorText(page), /^package main/, "Go's example from images/go/example.go")
    t.ok(await page.$('.cm-content .cm-line span'), 'highlighted: a CodeMirror mode marks its tokens')
    await page.locator(aria('button', 'Run')).click()
    await waitForVerdict(page, 'Completed')
    t.equal(await textOf(page, '#output'), 'Hello, Ada! (1/3)\nHello, Ada! (2/3)\nHello, Ada! (3/3)\n')
  },
)

t.test('Cancel stops a running program and keeps what it printed', async (t) => {
  const { page } = await openPlayground(t, browser, server.url)
  await replaceSource(page, 'import time\nprint("started", flush=True)\ntime.sleep(60)')
  await page.locator(aria('button', 'Run')).click()
  await waitForOutput(page, 'started')
  await page.locator(aria('button', 'Cancel')).click()
  await waitForVerdict(page, 'Cancelled')
  t.equal(await textOf(page, '#output'), 'started\n')
  t.equal(await textOf(page, '#verdict .verdict-status'), 'FAILED / cancelled')
  t.ok(await page.$(`${aria('button', 'Run')}:not([disabled])`), 'Run is enabled again')
})

t.test('a reload during a run picks the run up again: the output so far, then the rest live', async (t) => {
  const { page } = await openPlayground(t, browser, server.url)
  await replaceSource(page, 'import time\nprint("before", flush=True)\ntime.sleep(6)\nprint("after", flush=True)')
  await page.locator(aria('button', 'Run')).click()
  await waitForOutput(page, 'before')
  await page.reload({ waitUntil: 'load' })
  await waitForOutput(page, 'before')
  t.notMatch(await textOf(page, '#output'), /after/, 'the output so far, replayed, while the run goes on')
  t.match(await textOf(page, '#status'), /^(Running…|Queued)/)
  await waitForVerdict(page, 'Completed')
  t.equal(await textOf(page, '#output'), 'before\nafter\n')
})

t.test('keyboard alone: Tab reaches the controls and the editor, Escape then Tab leaves it', async (t) => {
  const { page } = await openPlayground(t, browser, server.url)
  const focused = () =>
    page.evaluate(() => {
      const active = (globalThis as any).document.activeElement
      return active?.getAttribute('aria-label') || active?.id || active?.textContent?.trim() || ''
    })
  const seen: string[] = []
  for (let i = 0; i < 12 && !seen.includes('Source code'); i++) {
    await page.keyboard.press('Tab')
    seen.push(await focused())
  }
  t.match(seen, ['Skip to the editor', 'language', 'run'], `the tab order starts ${seen.slice(0, 3).join(', ')}`)
  t.ok(seen.includes('Source code'), `Tab reaches the editor: ${seen.join(' → ')}`)
  await page.keyboard.press('Tab')
  t.equal(await focused(), 'Source code', 'Tab inside the editor indents rather than leaving')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  t.equal(await focused(), 'stdin', 'Escape then Tab moves on to the Input')

  // Suggestions may open while typing, but Enter still ends the line.
  await replaceSource(page, 'import tim')
  await page.keyboard.type('e')
  await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 5000 })
  // As a person would: the suggestions have been on screen a moment (CodeMirror ignores Enter for 75 ms).
  await new Promise((resolve) => setTimeout(resolve, 400))
  await page.keyboard.press('Enter')
  t.equal(await editorText(page), 'import time\n', 'Enter with suggestions open is a new line, not a completion')
})

t.test('refusals read as a person wants: 429 with its retry time, 413 on save', async (t) => {
  const limited = await startPlaygroundServer({ RUNS_PER_MINUTE: '1', SOURCE_LIMIT_BYTES: '400' })
  t.teardown(() => limited.close())
  const { page, requests } = await openPlayground(t, browser, limited.url)
  await page.locator(aria('button', 'Run')).click()
  await waitForVerdict(page, 'Completed')
  await page.locator(aria('button', 'Run')).click()
  await page.waitForSelector('#problem:not([hidden])')
  t.equal(await textOf(page, '#problem-title'), 'Too many runs for now')
  t.match(await textOf(page, '#problem-detail'), /^Runs are limited per minute\. You can run again in \d+ s\.$/)
  t.ok(await page.$(`${aria('button', 'Run')}[disabled]`), 'Run waits for the retry time')
  const newSession = await page.$('#problem-new-session')
  t.equal(await newSession?.isVisible(), false, 'no "new session" way out offered: waiting is the answer')
  t.ok((await page.$(aria('alert', ''))) !== null || (await page.$('[role="alert"]')) !== null, 'announced as an alert')

  await page.locator(aria('textbox', 'Source code')).click()
  await pressCtrl(page, 'End')
  await page.keyboard.type(`\n# ${'x'.repeat(400)}`)
  await page.waitForSelector('#save-state[data-state="failed"]', { timeout: 10_000 })
  t.equal(await textOf(page, '#problem-title'), 'Too large to save')
  t.match(await textOf(page, '#problem-detail'), /Make the source code or the input smaller\.$/)
  t.equal(await textOf(page, '#save-state'), 'Not saved')
  assertSameOrigin(t, limited, requests)
})

t.test('test cases: add two, run, each row gets its verdict; the summary counts them', async (t) => {
  const { page } = await openPlayground(t, browser, server.url)
  const sessionId = sessionIdOf(page)
  await replaceSource(page, 'print(int(input()) * 2)')
  for (const [input, expected] of [
    ['2', '4'],
    ['5', '11'],
  ]) {
    await page.locator(aria('button', 'Add test case')).click()
    const number = (await page.$$('#test-cases-body tr')).length
    await page.locator(aria('textbox', `Case ${number} input`)).fill(input as string)
    await page.locator(aria('textbox', `Case ${number} expected output`)).fill(expected as string)
  }
  t.ok(await page.$(aria('table', 'Test cases')), 'a table named "Test cases"')
  await page.locator(aria('button', 'Run')).click()
  await waitForStatus(page, /^Completed/)
  await page.waitForFunction(
    () => (globalThis as any).document.querySelector('#test-cases-summary')?.textContent === '1 of 2 passed',
    { timeout: RUN_TIMEOUT_MS },
  )
  const verdicts = await page.$$eval('.case-verdict', (cells) =>
    cells.map((cell) => (cell as { textContent: string | null }).textContent ?? ''),
  )
  t.same(verdicts, ['Accepted', 'Wrong answer'], 'a verdict per row')
  const runs = await server.app.inject({ method: 'GET', url: `/code-sessions/${sessionId}/executions?limit=1` })
  t.match(runs.json().executions[0], { compare: 'lines', test_summary: { passed: 1, total: 2 } }, 'judged by the API')

  await page.reload({ waitUntil: 'load' })
  await waitForStatus(page, /^(Ready|Completed)/)
  t.equal((await page.$$('#test-cases-body tr')).length, 2, 'the cases are kept for the session across a reload')
})

t.test('interactive: the program asks, a line typed under the output answers it, Ctrl+D ends the input', async (t) => {
  const { page } = await openPlayground(t, browser, server.url)
  await replaceSource(
    page,
    'name = input("name? ")\nprint(f"hello {name}", flush=True)\nimport sys\nprint("rest:", repr(sys.stdin.read()))',
  )
  await page.locator(aria('textbox', 'Input')).click()
  await page.keyboard.down('Control')
  await page.keyboard.press('a')
  await page.keyboard.up('Control')
  await page.keyboard.press('Backspace')
  await page.locator(aria('checkbox', 'Interactive')).click()
  await page.locator(aria('button', 'Run')).click()
  await waitForOutput(page, 'name? ')
  const line = aria('textbox', 'Program input line')
  await page.locator(line).fill('Ada')
  await page.keyboard.press('Enter')
  await waitForOutput(page, 'hello Ada')
  await page.locator(line).fill('last')
  await page.keyboard.down('Control')
  await page.keyboard.press('d')
  await page.keyboard.up('Control')
  await waitForOutput(page, 'rest:')
  t.match(await textOf(page, '#output'), "rest: 'last'", 'the last line, sent with the end of input')
  await waitForStatus(page, /^Completed/)
  const echoed = await page.$$eval('#output .stdin', (spans) =>
    spans.map((span) => (span as { textContent: string | null }).textContent ?? ''),
  )
  t.ok(echoed.join('').includes('Ada\n'), 'what was typed is echoed in the conversation')
  t.ok(await page.$('#input-line-form[hidden]'), 'the input line goes once the run has ended')
})
