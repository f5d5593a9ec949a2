import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { nodeCard } from './actions'
import { SHOTS } from './browser'
import { appPages } from './app-pages'

const app = appPages()

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' })
const rows = (page: Page) => inspector(page).getByRole('group', { name: /^Searched param \d+$/ })
const row = (page: Page, n: number) => inspector(page).getByRole('group', { name: `Searched param ${n}` })
const chosen = (page: Page, n: number, what: string) => row(page, n).getByRole('combobox', { name: `Row ${n} ${what}` }).locator('option:checked').textContent()

describe('the search space form', () => {
  it('edits the tuning example\'s space row by row, says what is wrong in place, and follows an edit of the tuned node', async () => {
    const page = await app()
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Two moons: tuning a neural network/ }).click()
    await nodeCard(page, 'Tune the network').click()
    await expect.poll(() => rows(page).count()).toBe(3)
    expect(await chosen(page, 1, 'node')).toBe('Adam (opt)')
    expect(await chosen(page, 1, 'param')).toBe('Learning rate')
    expect(await chosen(page, 1, 'kind')).toBe('log range')
    expect(await chosen(page, 3, 'param')).toBe('Hidden layers 2: units')
    expect(await row(page, 3).getByRole('spinbutton', { name: 'Row 3 from' }).inputValue()).toBe('4')

    // A range upside down is named under its row, and fixing it clears the message.
    const to = row(page, 2).getByRole('spinbutton', { name: 'Row 2 to' })
    await to.fill('2')
    await expect.poll(() => row(page, 2).getByRole('alert').textContent()).toBe('The lowest value 4 is above the highest 2.')
    await to.fill('64')
    await expect.poll(() => row(page, 2).getByRole('alert').count()).toBe(0)

    // A list of values; the JSON view shows what the document saves.
    await row(page, 1).getByRole('combobox', { name: 'Row 1 kind' }).selectOption('list')
    const values = row(page, 1).getByRole('textbox', { name: 'Row 1 values' })
    await expect.poll(() => values.inputValue()).toBe('0.001, 0.1')
    await values.fill('0.001, 0.01, 0.1')
    await inspector(page).getByText('Edit as JSON').click()
    const json = inspector(page).locator('.space-json textarea')
    await expect.poll(async () => JSON.parse(await json.inputValue())[0]).toEqual({ node: 'opt', param: 'learningRate', kind: 'list', values: [0.001, 0.01, 0.1] })
    await values.fill('')
    await expect.poll(() => row(page, 1).getByRole('alert').textContent()).toBe('Give at least one value.')
    await values.fill('0.01, 0.05')

    // Add a row (the next param not yet searched), pick Train's epochs, remove it again.
    await inspector(page).getByRole('button', { name: '+ Add param' }).click()
    await expect.poll(() => rows(page).count()).toBe(4)
    await row(page, 4).getByRole('combobox', { name: 'Row 4 node' }).selectOption({ label: 'Train (train)' })
    await row(page, 4).getByRole('combobox', { name: 'Row 4 param' }).selectOption({ label: 'Epochs' })
    expect(await chosen(page, 4, 'kind')).toBe('int range')
    await page.screenshot({ path: `${SHOTS}/search-space-form.png` })
    await row(page, 4).getByRole('button', { name: 'Remove row 4' }).click()
    await expect.poll(() => rows(page).count()).toBe(3)

    // One hidden layer fewer: the row that searched the second layer says so.
    // Cards overlap in this example's layout: a dispatched click selects the one meant.
    await nodeCard(page, 'Neural network \\(MLP\\)').dispatchEvent('click')
    await inspector(page).getByRole('button', { name: 'Remove layer 2' }).click()
    await nodeCard(page, 'Tune the network').dispatchEvent('click')
    await expect
      .poll(() => row(page, 3).getByRole('alert').textContent())
      .toBe('Neural network (MLP) has no param “layers.1.units” (any more): pick another param or remove this row.')
    expect(await chosen(page, 3, 'param')).toBe('layers.1.units (missing)')
    await page.screenshot({ path: `${SHOTS}/search-space-missing.png` })
  }, 120_000)
})
