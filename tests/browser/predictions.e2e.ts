import { mkdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { nodeCard, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

/** Clicks a download button and returns the file's bytes. */
async function downloaded(page: Page, button: ReturnType<Page['getByRole']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
  return readFileSync((await file.path())!)
}

describe('predictions and exports', () => {
  it('shows predictions row by row, filters to errors, and downloads tables and figures', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url)
    await runAll(page)

    // The model lists its fitted preprocessing by the titles of the nodes that wrote it.
    await nodeCard(page, 'Train').click()
    const model = page.getByRole('table', { name: 'Model' })
    await expect.poll(() => model.getByRole('row').filter({ hasText: /^preprocessing/ }).textContent()).toBe('preprocessingStandardize')
    expect(await model.getByRole('row').filter({ hasText: /^features/ }).textContent()).toBe('features4: sepal_length, sepal_width, petal_length, petal_width')

    // "Try the model" starts empty: it asks for the values (this model has no imputer), then predicts.
    const form = page.getByRole('region', { name: 'Try the model' })
    const said = form.getByRole('status')
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('Type a value for sepal_length, sepal_width, petal_length, petal_width to see a prediction.')
    expect(await form.getByRole('alert').count()).toBe(0)
    for (const [name, v] of [['sepal_length', '5.1'], ['sepal_width', '3.5'], ['petal_length', '1.4']]) await form.getByLabel(name, { exact: true }).fill(v)
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('Type a value for petal_width to see a prediction.')
    await form.getByLabel('petal_width', { exact: true }).fill('0.2')
    await expect.poll(() => said.first().textContent(), { timeout: 10_000 }).toMatch(/^Prediction: setosa/)

    await nodeCard(page, 'Predict').click()
    const table = page.getByRole('table', { name: 'Predictions' })
    await table.waitFor()
    for (const name of ['row', 'actual', 'predicted', 'p(setosa)', 'p(versicolor)', 'p(virginica)']) {
      expect(await table.getByRole('columnheader', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).count(), name).toBe(1)
    }
    const rowsText = (await page.locator('.predictions .table-foot').textContent())!
    const total = Number(/^(\d+) rows/.exec(rowsText)![1])
    expect(total).toBeGreaterThan(20)
    await page.screenshot({ path: `${SHOTS}/predictions.png` })
    const csv = (await downloaded(page, page.getByRole('button', { name: 'Download CSV' }))).toString('utf8').trim().split('\n')
    expect(csv[0]).toBe('row,actual,predicted,p(setosa),p(versicolor),p(virginica)')
    expect(csv).toHaveLength(total + 1)
    const errors = csv.slice(1).filter((l) => l.split(',')[1] !== l.split(',')[2]).length

    await page.getByLabel(/Only errors/).check()
    await expect.poll(() => page.locator('.predictions .table-foot').textContent()).toMatch(new RegExp(`^${errors} rows`))
    const wrong = (await downloaded(page, page.getByRole('button', { name: 'Download CSV' }))).toString('utf8').trim().split('\n')
    expect(wrong).toHaveLength(errors + 1)

    // The model node's output reads as settings, not as JSON.
    await nodeCard(page, 'Logistic regression').dispatchEvent('click')
    const settings = page.getByRole('table', { name: 'Model settings' })
    await settings.waitFor()
    expect(await settings.getByRole('row').filter({ hasText: /^family/ }).textContent()).toBe('familylogistic-regression')
    expect(await page.locator('.results .json-view').count()).toBe(0)

    await nodeCard(page, 'Iris').click()
    // The predictions table (and its button) must be gone before the data table's button is pressed.
    await page.getByRole('table', { name: 'Data preview' }).waitFor()
    await expect.poll(() => page.getByRole('table', { name: 'Predictions' }).count()).toBe(0)
    const data = (await downloaded(page, page.getByRole('button', { name: 'Download CSV' }))).toString('utf8').trim().split('\n')
    expect(data).toHaveLength(151)

    await nodeCard(page, 'Confusion matrix').click()
    const png = await downloaded(page, page.getByRole('button', { name: /Download .* as PNG/ }).first())
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    const svg = (await downloaded(page, page.getByRole('button', { name: /Download .* as SVG/ }).first())).toString('utf8')
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toMatch(/<rect/)
  })
})
