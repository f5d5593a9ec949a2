import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { dropFile, nodeCard, nodes, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

/** 1 200 rows: `x` counts down from 1200, `name` cycles through five words. */
const csv = ['x,name,target', ...Array.from({ length: 1200 }, (_, i) => `${1200 - i},${['pear', 'apple', 'fig', 'kiwi', 'lime'][i % 5]},${i % 2}`)].join('\n') + '\n'

describe('a table past one page', () => {
  it('turns pages of 500 rows and sorts the whole table by a column', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url)
    await page.getByRole('button', { name: 'New' }).click()
    await dropFile(page, 'long.csv', csv, 'text/csv')
    await expect.poll(() => nodes(page).count()).toBe(1)
    await runAll(page)
    await nodeCard(page, 'CSV file').click()
    const table = page.getByRole('table', { name: 'Data preview' })
    const pages = page.getByRole('group', { name: 'Pages' })
    const firstRow = () => table.getByRole('row').nth(1).getByRole('cell').allTextContents()
    await expect.poll(() => pages.textContent()).toContain('rows 1–500 of 1,200')
    expect(await firstRow()).toEqual(['1', '1200', 'pear', '0'])

    await pages.getByRole('button', { name: 'Next rows' }).click()
    await expect.poll(() => pages.textContent()).toContain('rows 501–1,000 of 1,200')
    expect(await firstRow()).toEqual(['501', '700', 'pear', '0'])
    await pages.getByRole('button', { name: 'Next rows' }).click()
    await expect.poll(() => pages.textContent()).toContain('rows 1,001–1,200 of 1,200')
    expect(await pages.getByRole('button', { name: 'Next rows' }).isDisabled()).toBe(true)

    // Sorting orders all 1 200 rows (not just this page) and starts again from the first page.
    await table.getByRole('columnheader', { name: /^x/ }).getByRole('button').click()
    await expect.poll(() => pages.textContent()).toContain('rows 1–500 of 1,200')
    await expect.poll(firstRow).toEqual(['1', '1', 'lime', '1'])
    expect(await table.getByRole('columnheader', { name: /^x/ }).getAttribute('aria-sort')).toBe('ascending')
    await table.getByRole('columnheader', { name: /^name/ }).getByRole('button').click()
    await expect.poll(firstRow).toEqual(['1', '1199', 'apple', '1'])
    await table.getByRole('columnheader', { name: /^name/ }).getByRole('button').click()
    expect(await table.getByRole('columnheader', { name: /^name/ }).getAttribute('aria-sort')).toBe('descending')
    await expect.poll(firstRow).toEqual(['1', '1200', 'pear', '0'])
    await page.screenshot({ path: `${SHOTS}/table-pages.png` })
  })
})
