import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { nodeCard, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
const exec = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'mlcanvas-deploy-e2e-'))
const parse = (text: string) => Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data
let ctx: BrowserContext
let page: Page

/** Selects a node by its card (dispatched: after a readable fit a card may lie outside the view). */
const select = (title: string) => nodeCard(page, title).dispatchEvent('click')

/** Clicks a download button and keeps the file in this test's folder. */
async function save(button: Locator, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
  const path = join(dir, name)
  await file.saveAs(path)
  return path
}

beforeAll(async () => {
  ctx = await freshContext()
  page = await openApp(ctx, url)
})
afterAll(() => ctx?.close())

/** The churn example, run once for both tests (expect.poll, which runAll uses, works only inside a test). */
let ran: Promise<void> | undefined
function churnExample() {
  ran ??= (async () => {
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Customer churn: train, export, serve/ }).click()
    await nodeCard(page, 'Export model').waitFor()
    await runAll(page, 100_000)
  })()
  return ran
}

describe('the model leaves the canvas', () => {
  it('downloads the Export node\'s bundle as a .zip that `pipeline predict` scores exactly as the canvas did', async () => {
    await churnExample()
    await select('Export model')
    const bundle = page.getByRole('region', { name: 'Model bundle' })
    await bundle.waitFor()
    expect(await bundle.getByRole('table', { name: 'Bundle files' }).getByRole('rowheader', { name: 'bundle.json' }).count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/bundle.png` })
    const zip = await save(bundle.getByRole('button', { name: 'Download bundle (.zip)' }), 'churn.zip')
    expect(readFileSync(zip).subarray(0, 2).toString('latin1')).toBe('PK')

    // The canvas's own predictions of the test rows, and those rows as the split node holds them.
    await select('Predict')
    await page.getByRole('table', { name: 'Predictions' }).waitFor()
    const predicted = parse(readFileSync(await save(page.getByRole('button', { name: 'Download CSV' }), 'canvas.csv'), 'utf8'))
    await select('Train / test split')
    await page.getByRole('tab', { name: /^test/ }).click()
    await expect.poll(() => page.getByRole('tab', { name: /^test/ }).getAttribute('aria-selected')).toBe('true')
    const rowsCsv = await save(page.getByRole('button', { name: 'Download CSV' }), 'test-rows.csv')

    const out = join(dir, 'scored.csv')
    await exec(process.execPath, [resolve('runtime/cli/bin.mjs'), 'predict', zip, rowsCsv, '-o', out])
    const scored = parse(readFileSync(out, 'utf8'))
    const [head, ...rows] = scored
    const [canvasHead, ...canvasRows] = predicted
    expect(rows.length).toBe(canvasRows.length)
    expect(rows.length).toBeGreaterThan(5)
    const classes = canvasHead.filter((h) => h.startsWith('p(')).map((h) => h.slice(2, -1))
    rows.forEach((r, i) => {
      const mine = canvasRows[i]
      expect(r[head.indexOf('prediction')], `row ${i + 1}`).toBe(mine[canvasHead.indexOf('predicted')])
      for (const c of classes) {
        // The table shows probabilities to 3 decimals.
        expect(Math.abs(Number(r[head.indexOf(`probability_${c}`)]) - Number(mine[canvasHead.indexOf(`p(${c})`)]))).toBeLessThanOrEqual(5e-4 + 1e-9)
      }
    })
  })

  it('scores what the user types in "Try the model": the prediction and class probabilities follow each edit, as the CLI scores that row', async () => {
    await churnExample()
    await select('Train')
    const form = page.getByRole('region', { name: 'Try the model' })
    await form.waitFor()
    const status = form.getByRole('status')
    const probabilities = async () => {
      const cells = await status.getByRole('table', { name: 'Class probabilities' }).locator('tr').allTextContents()
      return cells.join(' ')
    }
    await expect.poll(() => status.textContent()).toMatch(/Prediction: (yes|no)/)
    const age = form.getByLabel('age', { exact: true })
    const income = form.getByLabel('income', { exact: true })
    const visits = form.getByLabel('visits', { exact: true })
    await age.fill('25')
    await income.fill('90000')
    await visits.fill('9')
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/Prediction: (yes|no)/)
    const first = await probabilities()
    await visits.fill('0')
    await income.fill('15000')
    await age.fill('70')
    await expect.poll(probabilities, { timeout: 10_000 }).not.toBe(first)
    await page.screenshot({ path: `${SHOTS}/try-the-model.png` })

    // The same row through the downloaded bundle and the CLI: the same label and probabilities (4 decimals on screen).
    const city = await form.getByLabel(/^city/).inputValue()
    const plan = await form.getByLabel(/^plan/).inputValue()
    const one = join(dir, 'one.csv')
    writeFileSync(one, `age,city,income,plan,visits\n70,${city},15000,${plan},0\n`)
    const out = join(dir, 'one-scored.csv')
    await exec(process.execPath, [resolve('runtime/cli/bin.mjs'), 'predict', join(dir, 'churn.zip'), one, '-o', out])
    const [head, row] = parse(readFileSync(out, 'utf8'))
    expect(await status.textContent()).toContain(`Prediction: ${row[head.indexOf('prediction')]}`)
    const shown = await status.getByRole('table', { name: 'Class probabilities' }).locator('tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')!.textContent!, Number(tr.querySelector('td')!.textContent)] as const),
    )
    expect(shown.length).toBeGreaterThan(1)
    for (const [c, p] of shown) expect(Math.abs(Number(row[head.indexOf(`probability_${c}`)]) - p)).toBeLessThanOrEqual(5e-5 + 1e-9)
  })
})
