import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { dropFile, nodeCard, nodes, openGraphFile, runAll, wideCsv } from './actions'
import { appPages } from './app-pages'

const app = appPages()

/** The column headers drawn in a table whose text is cut off (clipped sideways or below), by the name they show. */
function clippedHeaders(table: Locator): Promise<string[]> {
  return table.evaluate((t) =>
    [...t.querySelectorAll('[role=columnheader][aria-colindex]')]
      .filter((h) => [...h.querySelectorAll('strong, .sort, .col-meta')].some((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
      .map((h) => h.querySelector('strong')?.textContent ?? ''),
  )
}

/** Scrolls the table's box all the way right, so its last columns are drawn. */
const scrollToEnd = (table: Locator) => table.locator('.table-scroll').evaluate((s) => s.scrollTo({ left: s.scrollWidth }))

/** Opens the results of `title` at `tab`, selecting the card by a dispatched click (it may lie outside the view). */
async function showOutput(page: Page, title: string, tab: string) {
  await nodeCard(page, title).dispatchEvent('click')
  await page.getByRole('tablist', { name: 'Output' }).getByRole('tab', { name: tab }).click()
}

describe('table headers a user can read', () => {
  it('shows long column names and their missing counts in full on a 61-column table of the user’s own', async () => {
    const page = await app()
    await page.getByRole('button', { name: 'New' }).click()
    await expect.poll(() => nodes(page).count()).toBe(0)
    // Long names, as exported tables have them; empty cells in the first and in the long-named columns.
    const name = (j: number) => (j % 5 === 0 ? `q${j}_share_of_customers_active_in_the_last_quarter` : `f${j}`)
    const blank = (line: string) => line.split(',').map((cell, j) => (j === 0 || j === 4 ? '' : cell)).join(',')
    const csv = wideCsv(61, 30, name)
      .split('\n')
      .map((line, i) => (i === 2 || i === 5 ? blank(line) : line))
      .join('\n')
    await dropFile(page, 'customers.csv', csv, 'text/csv')
    await expect.poll(() => nodes(page).count()).toBe(1)
    await runAll(page)
    await nodeCard(page, 'CSV file').click()
    const table = page.getByRole('table', { name: 'Data preview' })
    await table.waitFor()
    const first = table.getByRole('columnheader', { name: /^f1\b/ })
    await expect.poll(() => first.textContent()).toBe('f1num · feature2 missing')
    expect(await first.getAttribute('title')).toBe('f1: numeric, feature, 2 missing')
    const long = table.getByRole('columnheader', { name: /^q5_share/ })
    expect(await long.textContent()).toBe('q5_share_of_customers_active_in_the_last_quarternum · feature2 missing')
    expect(await clippedHeaders(table)).toEqual([])
    await scrollToEnd(table)
    await expect.poll(() => table.getByRole('columnheader', { name: /^target/ }).count()).toBe(1)
    expect(await clippedHeaders(table)).toEqual([])
  }, 120_000)

  it('shows every trials column name in full at 1280 px', async () => {
    const page = await app()
    const doc = JSON.parse(readFileSync('tests/fixtures/queue/search-20.json', 'utf8'))
    const search = doc.nodes.find((n: { type: string }) => n.type === 'select.search')
    search.params.trials = 3
    search.params.space.push({ node: 'train', param: 'batchSize', kind: 'choice', values: [16, 32] })
    doc.nodes.find((n: { id: string }) => n.id === 'train').params.epochs = 2
    await openGraphFile(page, { name: 'search.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })
    await runAll(page)
    await showOutput(page, 'Hyperparameter search', 'Trials')
    const table = page.getByRole('table', { name: 'Data preview' })
    await expect.poll(() => table.getByRole('columnheader', { name: /^ran on/ }).count()).toBe(1)
    await expect.poll(() => table.getByRole('columnheader', { name: /^opt\.learningRate/ }).count()).toBe(1)
    expect(await clippedHeaders(table)).toEqual([])
  }, 120_000)
})
