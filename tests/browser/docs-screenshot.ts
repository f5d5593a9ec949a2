/**
 * Regenerates the screenshots in docs/: editor.png (the two-moons example trained, its decision
 * boundary in the results panel), predictions.png and wide-table.png.
 * Run: npx tsx tests/browser/docs-screenshot.ts
 */
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { dropFile, nodeCard, wideCsv } from './actions'
import { freshContext, openApp } from './browser'
import { startApp } from './server'

async function runAndWait(page: Page) {
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.waitForFunction(() => !document.querySelector('.badge-running, .badge-queued') && !!document.querySelector('.badge-done'), undefined, {
    timeout: 120_000,
  })
}

async function main() {
  const app = await startApp()
  const ctx = await freshContext()
  mkdirSync('docs', { recursive: true })
  try {
    const page = await openApp(ctx, app.url)
    await runAndWait(page)
    await nodeCard(page, 'Predict').dispatchEvent('click')
    await page.getByRole('table', { name: 'Predictions' }).waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: 'docs/predictions.png' })

    await page.getByRole('button', { name: 'New' }).click()
    await dropFile(page, 'wide-31.csv', wideCsv(31, 60), 'text/csv')
    await runAndWait(page)
    await nodeCard(page, 'CSV file').dispatchEvent('click')
    await page.getByRole('table', { name: 'Data preview' }).waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: 'docs/wide-table.png' })

    await page.getByRole('button', { name: 'Examples', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: /^Two moons: neural network/ }).click()
    await runAndWait(page)
    await nodeCard(page, 'Decision boundary').dispatchEvent('click')
    await page.locator('.results canvas').waitFor()
    await page.waitForTimeout(500)
    await page.screenshot({ path: 'docs/editor.png' })
  } finally {
    await ctx.close()
    app.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
