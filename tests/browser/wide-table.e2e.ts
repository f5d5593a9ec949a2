import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { dropFile, nodeCard, nodes, runAll, wideCsv } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })

let ctx: BrowserContext
let page: Page
beforeAll(async () => {
  ctx = await freshContext()
  page = await openApp(ctx, url)
})
afterAll(() => ctx.close())

/** Where the inspector sits on screen, rounded to whole pixels. */
const inspectorBox = async () => {
  const b = (await page.getByRole('complementary', { name: 'Inspector' }).boundingBox())!
  return [b.x, b.y, b.width].map(Math.round)
}

describe('a table of any width', () => {
  for (const cols of [31, 300, 2000]) {
    it(`keeps the page still and the inspector usable with ${cols} columns`, async () => {
      await page.getByRole('button', { name: 'New' }).click()
      await expect.poll(() => nodes(page).count()).toBe(0)
      const before = await inspectorBox()
      // Every tenth column has a long name, as exported tables often do.
      const name = (j: number) => (j % 10 === 0 ? `f${j}_share_of_customers_active_in_the_last_quarter_by_region` : `f${j}`)
      // One stray text in a number column: read as missing, with a warning.
      await dropFile(page, `wide-${cols}.csv`, wideCsv(cols, 40, name).replace('\n0.3,', '\nabc,'), 'text/csv')
      await expect.poll(() => nodes(page).count()).toBe(1)
      await runAll(page)
      await nodeCard(page, 'CSV file').click()
      const table = page.getByRole('table', { name: 'Data preview' })
      await table.waitFor()
      await expect(table.getByRole('columnheader', { name: /^f1\b/ }).isVisible()).resolves.toBe(true)
      await expect.poll(() => page.getByText(`40 rows × ${cols} columns`).count()).toBe(1)
      // The card shows the start of the warning; the inspector says it in full.
      expect(await page.getByRole('list', { name: 'Warnings' }).textContent()).toMatch(/^Column "f1" is numeric except 1 cell \(2\.5%\), read as missing: "abc" on line 2\. .* in Column types to keep it as text\.$/)
      if (cols === 31) await page.screenshot({ path: `${SHOTS}/wide-table.png` })

      // Nothing scrolls sideways but the table itself; the inspector has not moved.
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth }))
      expect(widths.page).toBeLessThanOrEqual(widths.view)
      expect(await inspectorBox()).toEqual(before)
      const results = (await page.getByRole('region', { name: 'Results' }).boundingBox())!
      expect(results.x + results.width).toBeLessThanOrEqual(before[0] + 1)

      // Target and Column types take real clicks (a covered control fails Playwright's hit check).
      const target = page.getByLabel('Target column', { exact: true })
      await target.click({ trial: true, timeout: 3000 })
      await target.selectOption('f2')
      expect(await target.inputValue()).toBe('f2')
      const types = page.getByLabel('Column types', { exact: true })
      await types.scrollIntoViewIfNeeded()
      await types.click({ trial: true, timeout: 3000 })

      // Long column names (in the target picker's options) do not push the form out of the inspector.
      const inspector = page.getByRole('complementary', { name: 'Inspector' })
      expect(await inspector.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0)
    })
  }
})
