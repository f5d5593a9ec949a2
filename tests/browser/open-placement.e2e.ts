import { readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { nodes, openGraphFile, overlappingCards, runAll, viewSettled } from './actions'
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
    await viewSettled(page) // the fit animates for 200 ms
    await page.screenshot({ path: `${SHOTS}/open-spread.png` })

    const tidy = 'examples/two-moons-mlp.json'
    const doc = JSON.parse(readFileSync(tidy, 'utf8')) as { nodes: { id: string; position: { x: number; y: number } }[] }
    await openGraphFile(page, tidy)
    await expect.poll(async () => Object.keys(await placesOnCanvas(page)).sort()).toEqual(doc.nodes.map((n) => n.id).sort())
    expect(await placesOnCanvas(page)).toEqual(Object.fromEntries(doc.nodes.map((n) => [n.id, [n.position.x, n.position.y]])))
    expect(await overlappingCards(page)).toEqual([])
  })

  it('keeps an example at its saved places, and no card covers another once it has run', async () => {
    // The maze's agent cards grow by a sparkline and four summary lines in a run: its old places
    // had "Evaluate agent" 38 px over "Reward per episode". The other examples' run sizes are
    // checked against their places in editor/layout/example-places.test.ts.
    const doc = JSON.parse(readFileSync('examples/maze-q-learning.json', 'utf8')) as { nodes: { id: string; position: { x: number; y: number } }[] }
    ctx ??= await freshContext()
    const page = await openApp(ctx, url)
    await page.getByRole('button', { name: 'Examples', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Maze: Q-learning/ }).click()
    await expect.poll(async () => Object.keys(await placesOnCanvas(page)).sort()).toEqual(doc.nodes.map((n) => n.id).sort())
    expect(await placesOnCanvas(page)).toEqual(Object.fromEntries(doc.nodes.map((n) => [n.id, [n.position.x, n.position.y]])))
    await runAll(page)
    await expect.poll(() => page.locator('.react-flow__node').filter({ hasText: /episode 500 · return / }).count()).toBe(1)
    expect(await overlappingCards(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/maze-after-run.png` })
  })
  it('draws a graph file without places at once, its cards apart: no frame shows them piled up', async () => {
    const example = JSON.parse(readFileSync('examples/two-moons-mlp.json', 'utf8')) as { nodes: { position?: unknown }[] }
    const unplaced = { ...example, nodes: example.nodes.map(({ position: _, ...n }) => n) }
    ctx ??= await freshContext()
    const page = await openApp(ctx, url)
    // Every frame from the choice of the file on: two cards drawn at the same spot is a pile
    // (ELK loads on first use; a graph drawn before it placed the cards lay at the origin meanwhile).
    await page.evaluate(`(() => {
      window.piled_ = 0
      window.watch_ = true
      const tick = () => {
        const at = [...document.querySelectorAll('.react-flow__node')].map((n) => n.style.transform)
        if (new Set(at).size < at.length) window.piled_++
        if (window.watch_) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })()`)
    await openGraphFile(page, { name: 'unplaced.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(unplaced)) })
    await expect.poll(async () => Object.keys(await placesOnCanvas(page)).length).toBe(unplaced.nodes.length)
    await expect.poll(() => overlappingCards(page)).toEqual([])
    await viewSettled(page)
    expect(await page.evaluate<number>(`(() => { window.watch_ = false; return window.piled_ })()`)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/open-unplaced.png` })
  })
})
