import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { fixtureDoc, nodeCard, nodes, openGraphFile, overlappingCards, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

/** Selects a node by its card; dispatched, because after a fit at a readable zoom a card may lie outside the view. */
const select = (page: Page, title: string) => nodeCard(page, title).dispatchEvent('click')

/** The iris fixture with a split node as a hand-edited file might hold it: a share out of range and a setting that does not exist. */
function fileWithBadParams() {
  const doc = fixtureDoc()
  const split = (doc.nodes as { id: string; params: Record<string, unknown> }[]).find((n) => n.id === 'split')!
  split.params = { ...split.params, test: 1.5, colour: 'red' }
  return { name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) }
}

describe('results, inspector and chrome as a user meets them', () => {
  it('opens a file with bad params, says what is wrong in words and fixes it in two clicks; metrics read as tables and titled charts', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url)

    // The toolbar fits a 1280 px window: its last button is inside, nothing scrolls sideways.
    const help = (await page.getByRole('button', { name: 'Help and shortcuts' }).boundingBox())!
    expect(help.x + help.width).toBeLessThanOrEqual(1280)
    const toolbar = page.getByRole('toolbar', { name: 'Editor' })
    expect(await toolbar.evaluate((t) => t.scrollWidth - t.clientWidth)).toBe(0)
    // One row: at 1280 px nothing has to wrap (a narrower window wraps rather than cut a button off).
    expect((await toolbar.boundingBox())!.height).toBeLessThan(45)
    // The mini map starts folded, so it covers no node; the switch opens and folds it.
    expect(await page.getByLabel('Mini map', { exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: 'Show mini map' }).click()
    await page.getByLabel('Mini map', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Hide mini map' }).click()
    await expect.poll(() => page.getByLabel('Mini map', { exact: true }).count()).toBe(0)

    await openGraphFile(page, fileWithBadParams())
    await expect.poll(() => nodes(page).count()).toBe(fixtureDoc().nodes.length)
    await select(page, 'Train / test split')
    const problems = page.getByRole('list', { name: 'Problems' })
    await expect.poll(() => problems.textContent()).toContain('“colour” is not a setting of Train / test split; remove it so the node can run.')
    expect(await problems.textContent()).toContain('Test share: Must be at most 0.95. The graph file has 1.5.')
    expect(await nodeCard(page, 'Train / test split').textContent()).toMatch(/not a setting|Test share: Must be/)
    await page.screenshot({ path: `${SHOTS}/bad-params.png` })

    // Run anyway: the failed card keeps the words (not the file's path "nodes[1].params.test"),
    // and the nodes after it name it by its title.
    await runAll(page)
    const split = nodeCard(page, 'Train / test split')
    await expect.poll(() => split.locator('.badge').getAttribute('data-state'), { timeout: 10_000 }).toBe('error')
    expect(await split.locator('.pnode-error').textContent()).toContain('Test share: Must be at most 0.95. The graph file has 1.5.')
    expect(await split.textContent()).not.toContain('params.')
    expect(await nodeCard(page, 'Standardize').textContent()).toContain('Blocked: upstream node “Train / test split” failed.')
    expect(await page.getByRole('region', { name: 'Run status' }).textContent()).not.toContain('params.')
    await problems.getByRole('button', { name: 'Remove “colour”' }).click()
    await problems.getByRole('button', { name: 'Reset Test share to default' }).click()
    await expect.poll(() => page.getByRole('list', { name: 'Problems' }).count()).toBe(0)

    await runAll(page)
    // The file had no positions: the layout left room for what the run wrote on each card.
    expect(await overlappingCards(page)).toEqual([])
    await select(page, 'Classification metrics')
    const perClass = page.getByRole('table', { name: 'Per class' })
    await perClass.waitFor()
    const heads = await perClass.getByRole('columnheader').allTextContents()
    expect(heads.filter(Boolean)).toEqual(['Precision', 'Recall', 'F1', 'Support'])
    expect(await perClass.getByRole('rowheader').allTextContents()).toEqual(['setosa', 'versicolor', 'virginica'])
    // Support is the number of test rows of each class: 30 test rows, stratified.
    const support = await perClass.locator('tbody tr td:last-child').allTextContents()
    expect(support.map(Number)).toEqual([10, 10, 10])
    expect(await page.getByRole('table', { name: 'Metrics' }).getByRole('rowheader', { name: 'ROC AUC' }).count()).toBe(1)
    for (const cls of ['setosa', 'versicolor', 'virginica']) {
      const roc = page.getByRole('figure', { name: `ROC curve — ${cls}` })
      expect(await roc.locator('.legend').textContent(), cls).toBe(`${cls}chance`)
    }
    await page.getByRole('figure', { name: 'ROC curve — setosa' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/metrics.png` })
  })
})
