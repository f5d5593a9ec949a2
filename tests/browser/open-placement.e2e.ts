import { readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { nodes, openGraphFile, overlappingCards } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

/** Where each drawn card sits on the canvas (React Flow's translate, in graph coordinates), by node id. */
const placesOnCanvas = (page: import('playwright-core').Page) =>
  page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-id'), (e as HTMLElement).style.transform.match(/-?[\d.]+/g)!.map(Number)])),
  )

describe('opening a graph file', () => {
  it('spreads cards whose saved places cover each other, and keeps places that do not', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url)

    // Two of this file's cards are saved on the same spot (Train / test split and a Train node).
    const crowded = 'tests/browser/fixtures/two-branches.json'
    await openGraphFile(page, crowded)
    await expect.poll(() => nodes(page).count()).toBe(JSON.parse(readFileSync(crowded, 'utf8')).nodes.length)
    await expect.poll(() => overlappingCards(page)).toEqual([])
    await page.waitForTimeout(400) // the fit animates for 200 ms
    await page.screenshot({ path: `${SHOTS}/open-spread.png` })

    const tidy = 'examples/two-moons-mlp.json'
    const doc = JSON.parse(readFileSync(tidy, 'utf8')) as { nodes: { id: string; position: { x: number; y: number } }[] }
    await openGraphFile(page, tidy)
    await expect.poll(async () => Object.keys(await placesOnCanvas(page)).sort()).toEqual(doc.nodes.map((n) => n.id).sort())
    expect(await placesOnCanvas(page)).toEqual(Object.fromEntries(doc.nodes.map((n) => [n.id, [n.position.x, n.position.y]])))
    expect(await overlappingCards(page)).toEqual([])
  })
})
