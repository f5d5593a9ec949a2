import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { encodeShareFragment } from '../../editor/lib/share-link'
import { CURRENT_VERSION, GRAPH_FORMAT } from '../../runtime/document/schema'
import { nodeCard, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

const wire = (from: string, fromPort: string, to: string, toPort: string) => ({ id: `${from}-${to}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } })

/** A small network tuned over two params (3 short trials): its trials table has 7 columns. */
const search = {
  format: GRAPH_FORMAT,
  version: CURRENT_VERSION,
  meta: { title: 'Trials table' },
  nodes: [
    { id: 'moons', type: 'data.moons', params: { samples: 200, noise: 0.2, seed: 1 }, position: { x: 0, y: 0 } },
    { id: 'split', type: 'transform.split', params: { test: 0.2, validation: 0.2, seed: 0 }, position: { x: 260, y: 0 } },
    { id: 'spec', type: 'model.mlp', params: { layers: [{ units: 8, activation: 'relu', dropout: 0 }] }, position: { x: 260, y: 200 } },
    { id: 'opt', type: 'optimizer.adam', params: { learningRate: 0.01 }, position: { x: 260, y: 400 } },
    { id: 'train', type: 'train.fit', params: { epochs: 5, batchSize: 32, seed: 0 }, position: { x: 560, y: 0 } },
    { id: 'predict', type: 'predict.apply', params: { split: 'test' }, position: { x: 860, y: 0 } },
    { id: 'metrics', type: 'metric.classification', params: {}, position: { x: 1160, y: 0 } },
    {
      id: 'search',
      type: 'select.search',
      params: { space: [{ node: 'opt', param: 'learningRate', kind: 'log', min: 0.001, max: 0.1 }, { node: 'spec', param: 'layers.0.units', kind: 'int', min: 4, max: 32, step: 4 }], strategy: 'random', trials: 3, metric: 'accuracy', scoring: 'validation', seed: 0 },
      position: { x: 1460, y: 0 },
    },
  ],
  edges: [
    wire('moons', 'data', 'split', 'data'),
    wire('split', 'data', 'train', 'data'),
    wire('spec', 'model', 'train', 'model'),
    wire('opt', 'optimizer', 'train', 'optimizer'),
    wire('train', 'model', 'predict', 'model'),
    { ...wire('split', 'data', 'predict', 'data'), id: 'split-predict-data' },
    wire('predict', 'predictions', 'metrics', 'predictions'),
    { ...wire('split', 'data', 'search', 'data'), id: 'split-search' },
    wire('metrics', 'metrics', 'search', 'result'),
  ],
}

describe('the trials table of a search', () => {
  it('shows every column inside the results panel at 1280 px, with nothing cut', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url + encodeShareFragment(JSON.stringify(search)))
    await runAll(page)
    await nodeCard(page, 'Hyperparameter search').dispatchEvent('click')
    await page.getByRole('tablist', { name: 'Output' }).getByRole('tab', { name: 'Trials' }).click()
    const table = page.getByRole('table', { name: /./ }).filter({ has: page.getByRole('columnheader', { name: /^ran on/ }) })
    await expect.poll(() => table.getByRole('row').count()).toBe(4)
    await page.screenshot({ path: `${SHOTS}/trials-table.png` })

    // Each header: the column's name, then its type and role.
    const headers = await table.getByRole('columnheader').allTextContents()
    const names = ['trial', 'opt.learningRate', 'spec.layers.0.units', 'accuracy', 'status', 'ran on', 'seconds']
    expect(headers).toEqual(['#', ...names.map((n, j) => `${n}${j === 4 || j === 5 ? 'cat' : 'num'} · feature`)])
    // Every column lies inside the table's box: no sideways scroll hides the last one.
    const box = (await table.locator('.table-scroll').boundingBox())!
    for (const h of await table.getByRole('columnheader').all()) {
      const r = (await h.boundingBox())!
      expect(r.x).toBeGreaterThanOrEqual(box.x - 0.5)
      expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 0.5)
    }
    expect(await table.locator('.table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
    // Nothing is cut: each cell's text, and each header's name and type line, fits its box.
    // (A name is clamped to two lines: cut, it would be taller inside than its box.)
    const cut = await table
      .locator('[role=cell], [role=columnheader] > *')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth || (e.tagName === 'STRONG' && e.scrollHeight > e.clientHeight + 1)).map((e) => e.textContent))
    expect(cut).toEqual([])
  })
})
