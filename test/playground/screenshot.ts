// Makes src/playground/screenshot.png, the picture in the README: a real run on a real API and worker.
// Run with `npm run screenshot` after `make playground` (needs PostgreSQL, Redis, Docker and the images).
import path from 'node:path'
import { launchChromium, startPlaygroundServer } from '../helpers/playground.ts'

const OUTPUT = path.join(import.meta.dirname, '..', '..', 'src', 'playground', 'screenshot.png')

const server = await startPlaygroundServer()
const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.setViewport({ width: 1360, height: 820, deviceScaleFactor: 1 })
  await page.goto(server.url, { waitUntil: 'networkidle0' })
  await page.locator('::-p-aria([name="Run"][role="button"])').click()
  await page.waitForFunction("document.querySelector('#status').textContent.startsWith('Completed')", {
    timeout: 60_000,
  })
  await page.locator('::-p-aria(Source code)').click()
  await page.screenshot({ path: OUTPUT })
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`)
} finally {
  await browser.close()
  await server.close()
}
