import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { nodeCard, openDropAndRun } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
const contexts: BrowserContext[] = []
afterAll(() => Promise.all(contexts.map((c) => c.close())))
/** The app in a browser context of its own (its own storage: no graph autosaved by another test). */
async function app(): Promise<Page> {
  const ctx = await freshContext()
  contexts.push(ctx)
  return openApp(ctx, url)
}

/** 90 rows: two numeric features and a 0/1/2 label that follows the first one. */
const csv = ['x1,x2,target', ...Array.from({ length: 90 }, (_, i) => `${(i % 30) / 3},${((i * 7) % 11) / 2},${Math.floor((i % 30) / 10)}`)].join('\n') + '\n'

const step = (id: string, type: string, params: Record<string, unknown>, x: number) => ({ id, type, params, position: { x, y: id === 'tree' ? 200 : 0 } })
const wire = (from: string, fromPort: string, to: string, toPort: string) => ({ id: `${from}-${to}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } })
const doc = {
  format: 'mlcanvas/graph',
  version: 1,
  meta: { title: 'Integer label' },
  nodes: [
    step('csv', 'data.csv', { path: 'codes.csv' }, 0),
    step('split', 'transform.split', { test: 0.3, seed: 1 }, 280),
    step('tree', 'model.decision-tree', {}, 280),
    step('fit', 'train.fit', {}, 560),
    step('predict', 'predict.apply', {}, 840),
  ],
  edges: [wire('csv', 'data', 'split', 'data'), wire('split', 'data', 'fit', 'data'), wire('tree', 'model', 'fit', 'model'), wire('fit', 'model', 'predict', 'model'), wire('split', 'data', 'predict', 'data')],
}

const select = (page: Page, title: string) => nodeCard(page, title).dispatchEvent('click')

/** The app with `graph` open, its codes.csv dropped on the canvas and run. */
async function openAndRun(graph: typeof doc): Promise<Page> {
  const page = await app()
  await openDropAndRun(page, graph, { name: 'codes.csv', text: csv, type: 'text/csv' })
  return page
}

/** Clicks a button that starts a run and waits for that run to end. */
async function clickAndRun(page: Page, name: string) {
  const status = page.getByRole('status', { name: 'Last run' })
  const before = Number(await status.getAttribute('data-runs'))
  await page.getByRole('region', { name: 'Task' }).getByRole('button', { name }).click()
  await expect.poll(async () => Number(await status.getAttribute('data-runs')), { timeout: 60_000 }).toBeGreaterThan(before)
}

const headers = (page: Page) => page.getByRole('table', { name: 'Predictions' }).getByRole('columnheader').allTextContents()

describe('the task, switched from the data node', () => {
  it('trains a 0/1/2 label as regression and back as classes in one click each, re-running what depends on it', async () => {
    const page = await openAndRun(doc)

    await select(page, 'CSV file')
    const task = page.getByRole('region', { name: 'Task' })
    await expect.poll(() => task.textContent()).toContain('Target target trains for classification · 3 classes')
    await clickAndRun(page, 'Train as regression')
    await expect.poll(() => task.textContent()).toContain('trains for regression (set on Decision tree; read alone it is classification · 3 classes)')
    await select(page, 'Train')
    await expect.poll(() => page.getByRole('region', { name: 'Run status' }).textContent()).toMatch(/Why it ran:.*changed/)
    await select(page, 'Predict')
    await expect.poll(() => headers(page)).toContain('residual')
    await page.screenshot({ path: `${SHOTS}/task-regression.png` })

    await select(page, 'CSV file')
    await clickAndRun(page, 'Train as classes')
    await expect.poll(() => task.textContent()).toContain('Target target trains for classification · 3 classes')
    expect(await page.getByLabel('Column types', { exact: true }).inputValue()).toBe('target:categorical')
    await expect.poll(() => page.getByRole('region', { name: 'Run status' }).textContent()).toContain('params changed')
    await select(page, 'Predict')
    await expect.poll(() => headers(page)).toEqual(expect.arrayContaining(['p(0)', 'p(1)', 'p(2)']))
    // The split now stratifies by the class label, as the data node's summary says.
    await expect.poll(() => nodeCard(page, 'Train / test split').textContent()).toMatch(/train 63 · test 27/)
  })

  it('says why a logistic regression cannot train for regression, and what can', async () => {
    const logistic = { ...doc, meta: { title: 'Integer label, logistic' }, nodes: doc.nodes.map((n) => (n.id === 'tree' ? { ...n, type: 'model.logistic-regression' } : n)) }
    const page = await openAndRun(logistic)
    await select(page, 'CSV file')
    const task = page.getByRole('region', { name: 'Task' })
    await expect.poll(() => task.textContent()).toContain('Target target trains for classification · 3 classes')
    await expect.poll(() => task.textContent()).toContain('Logistic regression trains for one task only. To predict numbers, use a model with a Task setting')
    expect(await task.textContent()).toMatch(/\(.*Decision tree, Random forest, .*or k-nearest neighbours\) or a regression model\./)
    expect(await task.getByRole('button', { name: 'Train as regression' }).isDisabled()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/task-one-task-model.png` })
  })
})
