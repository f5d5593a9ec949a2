import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { runAll, viewSettled } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })
let ctx: BrowserContext | undefined
afterAll(() => ctx?.close())

describe('first open', () => {
  it('reads at ≥ 11 px, invites Run, and shows the metrics once the run ends', async () => {
    ctx = await freshContext()
    const page = await openApp(ctx, url)
    await viewSettled(page) // the fit animates for 200 ms
    const smallest = await page.evaluate(() => {
      const m = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform
      const zoom = new DOMMatrixReadOnly(m).a
      const sizes = [...document.querySelectorAll('.react-flow__node *')]
        .filter((el) => [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim()))
        .map((el) => parseFloat(getComputedStyle(el).fontSize) * zoom)
      return Math.min(...sizes)
    })
    expect(smallest).toBeGreaterThanOrEqual(11)
    const hint = page.getByRole('note')
    await expect(hint.textContent()).resolves.toMatch(/press ▶ Run all \(Ctrl\+Enter\)/)
    // In the results panel below the canvas, not over it: it never covers a card.
    const [hintBox, canvasBox] = await Promise.all([hint.boundingBox(), page.locator('.react-flow').boundingBox()])
    expect(hintBox!.y).toBeGreaterThanOrEqual(canvasBox!.y + canvasBox!.height)
    await expect(page.getByRole('region', { name: 'Results' }).getByRole('note').count()).resolves.toBe(1)
    await page.screenshot({ path: `${SHOTS}/first-open.png` })

    await runAll(page)
    expect(await hint.count()).toBe(0)
    // The last metrics node is selected: inspector and results show it.
    await expect.poll(() => page.getByLabel('Node label').getAttribute('placeholder')).toMatch(/metrics/i)
    await expect(page.getByRole('table', { name: 'Metrics' }).isVisible()).resolves.toBe(true)
  })
})
