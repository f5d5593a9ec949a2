/**
 * Regenerates docs/editor.png: the two-moons example trained, its decision boundary in the
 * results panel. Run: npx tsx tests/browser/docs-screenshot.ts
 */
import { mkdirSync } from 'node:fs'
import { nodeCard } from './actions'
import { freshContext, openApp } from './browser'
import { startApp } from './server'

async function main() {
  const app = await startApp()
  const ctx = await freshContext()
  try {
    const page = await openApp(ctx, app.url)
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Two moons/ }).click()
    await page.getByRole('button', { name: 'Run all' }).click()
    await page.waitForFunction(() => !document.querySelector('.badge-running, .badge-queued') && !!document.querySelector('.badge-done'), undefined, {
      timeout: 120_000,
    })
    await nodeCard(page, 'Decision boundary').click()
    await page.locator('.results canvas').waitFor()
    await page.waitForTimeout(500)
    mkdirSync('docs', { recursive: true })
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
