/**
 * Measures every example's node cards in Chromium after the example has run (results make cards
 * taller and wider) and writes their sizes to tests/fixtures/examples/card-sizes.json, which
 * editor/layout/example-places.test.ts checks the examples' saved positions against.
 * Run after adding an example or changing what a card shows: npx tsx tests/browser/measure-example-cards.ts
 * (about a minute; CartPole trains for most of it).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { freshContext, openApp } from './browser'
import { startApp } from './server'

const OUT = 'tests/fixtures/examples/card-sizes.json'

/** Card sizes in graph pixels (offset sizes do not change with the zoom), by node id. */
const cardSizes = (page: import('playwright-core').Page) =>
  page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-id'), { width: (e as HTMLElement).offsetWidth, height: (e as HTMLElement).offsetHeight }])),
  )

/** Presses Run all and waits until the toolbar's run counter moves on. */
async function runAll(page: import('playwright-core').Page) {
  const status = page.getByRole('status', { name: 'Last run' })
  const before = Number(await status.getAttribute('data-runs'))
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.waitForFunction((n) => Number(document.querySelector('[aria-label="Last run"]')?.getAttribute('data-runs')) > n, before, { timeout: 300_000 })
}

async function main() {
  const app = await startApp()
  const ctx = await freshContext()
  const sizes: Record<string, unknown> = {}
  try {
    const page = await openApp(ctx, app.url)
    await page.getByRole('button', { name: 'Examples', exact: true }).click()
    const files = await page.getByRole('dialog').locator('code').allTextContents()
    await page.keyboard.press('Escape')
    for (const file of files.sort()) {
      await page.getByRole('button', { name: 'Examples', exact: true }).click()
      await page.getByRole('dialog').getByRole('button', { name: new RegExp(file.replace('.', '\\.')) }).click()
      await runAll(page)
      await page.waitForTimeout(500) // the last cards' summaries are drawn after the run counter moves
      sizes[file] = await cardSizes(page)
      console.log(file, 'measured')
    }
  } finally {
    await ctx.close()
    app.stop()
  }
  mkdirSync('tests/fixtures/examples', { recursive: true })
  writeFileSync(OUT, JSON.stringify(sizes, null, 1) + '\n')
}

await main()
