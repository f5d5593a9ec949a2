import { mkdirSync } from 'node:fs'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { nodeCard, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })

const contexts: BrowserContext[] = []
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()))
})

describe('model selection in the browser', () => {
  it('cross-validates three models of the comparison example, each fold a run in the worker', async () => {
    const ctx = await freshContext()
    contexts.push(ctx)
    const page = await openApp(ctx, url)
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /comparing models by 5-fold cross-validation/ }).click()
    await runAll(page)
    // The same numbers as the CLI (tests/integration/examples.test.ts runs it there).
    await expect.poll(() => nodeCard(page, 'Decision tree: 5-fold CV').getByText(/0\.925 ± 0\.06667/).count()).toBeGreaterThan(0)
    await expect.poll(() => nodeCard(page, 'Logistic regression: 5-fold CV').getByText(/0\.9583 ± 0\.04564/).count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${SHOTS}/cross-validation.png` })
    await nodeCard(page, 'Decision tree: 5-fold CV').dispatchEvent('click')
    const outputs = page.getByRole('tablist', { name: 'Output' })
    await outputs.getByRole('tab', { name: 'Folds' }).click()
    await page.screenshot({ path: `${SHOTS}/cross-validation-folds.png` })
  })

  it('tunes the network example, applies the best trial\'s params and undoes that in one step', async () => {
    const ctx = await freshContext()
    contexts.push(ctx)
    const page = await openApp(ctx, url)
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Two moons: tuning a neural network/ }).click()
    // A fresh browser starts with one worker per core (2 here): the trials run on the pool.
    await runAll(page, 240_000)
    const card = nodeCard(page, 'Tune the network')
    await expect.poll(() => card.locator('figcaption').textContent()).toMatch(/^trial \d+ · score 0\.\d+ · best 0\.967$/)
    // Once the results panel opens the card may lie outside the canvas; a dispatched click still selects it.
    await card.dispatchEvent('click')
    const apply = page.getByRole('button', { name: /^Apply best \(trial \d+\)$/ })
    await expect.poll(() => apply.count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/search.png` })
    const outputs = page.getByRole('tablist', { name: 'Output' })
    await outputs.getByRole('tab', { name: 'Trials' }).click()
    await expect.poll(() => page.getByRole('columnheader', { name: /^ran on/ }).count()).toBe(1)
    // Trials ran side by side, each one's nodes on pool worker 1, 2 or both.
    const workers = await page.getByRole('cell', { name: /^pool workers? (1|2|1, 2)$/ }).count()
    expect(workers).toBeGreaterThan(0)
    for (const tab of ['Score per trial', 'Best']) {
      await outputs.getByRole('tab', { name: tab }).click()
      await page.screenshot({ path: `${SHOTS}/search-${tab.split(' ')[0].toLowerCase()}.png` })
    }
    await apply.click()
    await nodeCard(page, 'Adam').click()
    const rate = page.getByRole('form', { name: 'Parameters' }).getByRole('spinbutton', { name: 'Learning rate' })
    // The CLI's best trial for this example (tests/integration/examples.test.ts) has this rate too.
    await expect.poll(() => rate.inputValue()).toBe('0.06410057254')
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.screenshot({ path: `${SHOTS}/search-undo.png` })
    // The minimap can cover the node once the results panel opens; a dispatched click still selects it.
    await nodeCard(page, 'Adam').dispatchEvent('click')
    await expect.poll(() => rate.inputValue()).toBe('0.01')
  }, 300_000)
})
