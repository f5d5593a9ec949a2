import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { encodeShareFragment } from '../../editor/lib/share-link'
import { CURRENT_VERSION, GRAPH_FORMAT } from '../../runtime/document/schema'
import { edges, nodes, overlappingCards, viewSettled } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

/** `copies` five-node pipelines (Iris → split → fit ← model, → predict), without positions, as a shared link carries them. */
function pipelines(copies: number) {
  const doc = { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [] as object[], edges: [] as object[], meta: {} }
  const wire = (from: string, fromPort: string, to: string, toPort: string) =>
    doc.edges.push({ id: `e${doc.edges.length}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } })
  for (let i = 0; i < copies; i++) {
    doc.nodes.push(
      { id: `data${i}`, type: 'data.iris', params: {} },
      { id: `split${i}`, type: 'transform.split', params: { seed: i } },
      { id: `model${i}`, type: 'model.logistic-regression', params: {} },
      { id: `fit${i}`, type: 'train.fit', params: {} },
      { id: `predict${i}`, type: 'predict.apply', params: {} },
    )
    wire(`data${i}`, 'data', `split${i}`, 'data')
    wire(`split${i}`, 'data', `fit${i}`, 'data')
    wire(`model${i}`, 'model', `fit${i}`, 'model')
    wire(`fit${i}`, 'model', `predict${i}`, 'model')
    wire(`split${i}`, 'data', `predict${i}`, 'data')
  }
  return doc
}

describe('a share link to a 1 000-node graph', () => {
  it('opens laid out: a readable screenful of cards with their ports and wires, all 1 000 nodes in the graph', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url + encodeShareFragment(JSON.stringify(pipelines(200))))
    await viewSettled(page) // the fit animates for 200 ms
    expect(page.url()).not.toMatch(/#g=/)
    await page.screenshot({ path: `${SHOTS}/large-link.png` })

    // Only the cards in view are in the page, each drawn in full: title, ports, no overlap.
    const drawn = await nodes(page).count()
    expect(drawn).toBeGreaterThanOrEqual(10)
    expect(drawn).toBeLessThan(200)
    await expect(page.getByText('Iris', { exact: true }).first().isVisible()).resolves.toBe(true)
    await expect(page.getByText('Train / test split', { exact: true }).first().isVisible()).resolves.toBe(true)
    expect(await page.locator('.react-flow__node .react-flow__handle').count()).toBeGreaterThanOrEqual(drawn)
    expect(await edges(page).count()).toBeGreaterThanOrEqual(drawn / 2)
    expect(await overlappingCards(page)).toEqual([])

    // The graph holds every node: select all, and the inspector counts them.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+a')
    await expect.poll(() => page.getByText(/nodes selected/).textContent()).toMatch(/^1000 nodes selected/)

    // Panning brings other cards into the page, drawn in full as well.
    const drawnIds = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).join())
    const before = await drawnIds()
    await page.keyboard.press('Escape')
    const pane = (await page.locator('.react-flow__pane').boundingBox())!
    await page.mouse.move(pane.x + pane.width * 0.8, pane.y + pane.height * 0.8)
    await page.mouse.down()
    await page.mouse.move(pane.x + pane.width * 0.1, pane.y + pane.height * 0.1, { steps: 8 })
    await page.mouse.up()
    await expect.poll(drawnIds).not.toBe(before)
    expect(await nodes(page).count()).toBeGreaterThanOrEqual(10)
    expect(await overlappingCards(page)).toEqual([])
  })
})
