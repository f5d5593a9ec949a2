import { mkdirSync } from 'node:fs'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { drawWire, edges, FIXTURE, fixtureDoc, nodeCard, nodes, openGraphFile, savedTitles } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })

const contexts: BrowserContext[] = []
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()))
})
async function context() {
  const ctx = await freshContext()
  contexts.push(ctx)
  return ctx
}

describe('editing that never loses work', () => {
  it('gives back every node and wire after Ctrl+A, Delete, Ctrl+Z, and after New then Undo', async () => {
    const page = await openApp(await context(), url)
    await openGraphFile(page, FIXTURE)
    const doc = fixtureDoc()
    await expect.poll(() => nodes(page).count()).toBe(doc.nodes.length)
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    await expect.poll(() => nodes(page).count()).toBe(0)
    await page.keyboard.press('Control+z')
    await expect.poll(() => nodes(page).count()).toBe(doc.nodes.length)
    expect(await edges(page).count()).toBe(doc.edges.length)

    await page.getByRole('button', { name: 'New' }).click()
    await expect.poll(() => nodes(page).count()).toBe(0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => nodes(page).count()).toBe(doc.nodes.length)
    expect(await edges(page).count()).toBe(doc.edges.length)
  })

  it('replaces the wire of an input when another one is dropped on it', async () => {
    const page = await openApp(await context(), url)
    await page.getByRole('button', { name: 'New' }).click()
    const canvas = page.locator('.react-flow__pane')
    await page.getByRole('button', { name: 'Iris' }).dragTo(canvas, { targetPosition: { x: 120, y: 80 } })
    await page.getByRole('button', { name: 'Two moons' }).dragTo(canvas, { targetPosition: { x: 120, y: 330 } })
    await page.getByRole('button', { name: 'Standardize' }).dragTo(canvas, { targetPosition: { x: 480, y: 200 } })
    await expect.poll(() => nodes(page).count()).toBe(3)
    const input = () => nodeCard(page, 'Standardize').getByTitle(/^input data/)
    await drawWire(page, nodeCard(page, 'Iris').getByTitle(/^output data/), input())
    await expect.poll(() => edges(page).count()).toBe(1)
    await drawWire(page, nodeCard(page, 'Two moons').getByTitle(/^output data/), input())
    // The one wire now comes from Two moons: undo puts Iris's back.
    const source = () => page.evaluate(() => document.querySelector('.react-flow__edge')?.getAttribute('aria-label') ?? '')
    await expect.poll(source).toMatch(/Two moons|n2/)
    const moons = await source()
    await page.keyboard.press('Control+z')
    await expect.poll(source).not.toBe(moons)
    expect(await edges(page).count()).toBe(1)
  })

  it('keeps each tab its own graph across reloads, and lists them under Recent', async () => {
    const ctx = await context()
    const a = await openApp(ctx, url)
    await a.getByLabel('Graph title').fill('Graph of tab A')
    const b = await ctx.newPage()
    await b.goto(url)
    await b.locator('.react-flow__node').first().waitFor()
    await b.getByLabel('Graph title').fill('Graph of tab B')
    // The autosave waits for a 200 ms pause, then writes: reload once both tabs' titles are stored.
    await expect.poll(() => savedTitles(b), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Graph of tab A', 'Graph of tab B']))
    await b.reload()
    await b.locator('.react-flow__node').first().waitFor()
    await expect.poll(() => b.getByLabel('Graph title').inputValue()).toBe('Graph of tab B')
    await a.reload()
    await a.locator('.react-flow__node').first().waitFor()
    await expect.poll(() => a.getByLabel('Graph title').inputValue()).toBe('Graph of tab A')

    await a.getByRole('button', { name: 'Recent' }).click()
    const list = a.getByRole('list', { name: 'Recent graphs' })
    await expect.poll(() => list.getByRole('button').count()).toBeGreaterThanOrEqual(2)
    await expect(list.textContent()).resolves.toMatch(/Graph of tab B.*open in another tab/)
    await a.screenshot({ path: `${SHOTS}/recent.png` })
  })
})
