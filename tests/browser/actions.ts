import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'

export const FIXTURE = 'tests/browser/fixtures/iris-pipeline.json'
export const fixtureDoc = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as { nodes: unknown[]; edges: unknown[]; meta: { title: string } }

export const nodes = (page: Page) => page.locator('.react-flow__node')
export const edges = (page: Page) => page.locator('.react-flow__edge')
export const nodeCard = (page: Page, title: string) => page.locator('.react-flow__node').filter({ has: page.locator('.pnode-title', { hasText: new RegExp(`^${title}$`) }) })
export const badge = (page: Page, title: string) => nodeCard(page, title).locator('.badge')

/** Opens a graph file through the toolbar's Open button. */
export async function openGraphFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('Open graph file').setInputFiles(file)
}

/**
 * Waits until the canvas stops moving: an opened graph is framed by a 200 ms animated fit, and a click
 * during it can land on the pane or on another card (the viewport's transform read twice, 250 ms apart).
 */
export async function viewSettled(page: Page) {
  const transform = () => page.locator('.react-flow__viewport').evaluate((v) => getComputedStyle(v).transform)
  let last = await transform()
  await expect
    .poll(async () => {
      await page.waitForTimeout(250)
      const now = await transform()
      const same = now === last
      last = now
      return same
    }, { timeout: 10_000 })
    .toBe(true)
}

/** Titles of the graphs autosaved in this context's editor database (read the way the editor stores them). */
export function savedTitles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // Opening a database that is not there would create it: look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'mlcanvas-editor')) return []
    return new Promise<string[]>((resolve, reject) => {
      const req = indexedDB.open('mlcanvas-editor')
      req.onerror = () => reject(req.error)
      req.onsuccess = () => {
        const db = req.result
        const done = (titles: string[]) => {
          db.close()
          resolve(titles)
        }
        if (!db.objectStoreNames.contains('graphs')) return done([])
        const all = db.transaction('graphs').objectStore('graphs').getAll()
        all.onsuccess = () => done(all.result.map((g: { doc: { meta?: { title?: string } } }) => g.doc.meta?.title ?? ''))
        all.onerror = () => reject(all.error)
      }
    })
  })
}

/** Presses Run all and waits for that run to finish (the toolbar's run counter moves on). */
export async function runAll(page: Page, timeout = 90_000) {
  const status = page.getByRole('status', { name: 'Last run' })
  const before = Number(await status.getAttribute('data-runs'))
  await page.getByRole('button', { name: 'Run all' }).click()
  await expect.poll(async () => Number(await status.getAttribute('data-runs')), { timeout }).toBeGreaterThan(before)
}

/** Presses the mouse on one handle and releases it on another, like a user drawing a wire. */
export async function drawWire(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
  await page.mouse.up()
}

/** The state word of every node, by title. */
export async function states(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.react-flow__node')].map((n) => [
        n.querySelector('.pnode-title')?.textContent ?? '',
        n.querySelector('.badge')?.getAttribute('data-state') ?? '',
      ]),
    ),
  )
}

/** Pairs of node cards (by title) that cover each other on the canvas. */
export async function overlappingCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll('.react-flow__node')].map((n) => ({ title: n.querySelector('.pnode-title')?.textContent ?? '', r: n.getBoundingClientRect() }))
    const out: string[] = []
    cards.forEach((a, i) =>
      cards.slice(i + 1).forEach((b) => {
        if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) out.push(`${a.title} / ${b.title}`)
      }),
    )
    return out
  })
}

/** Drops a file on the canvas the way a file manager does. */
export async function dropFile(page: Page, name: string, text: string, type: string) {
  const transfer = await page.evaluateHandle(
    ([n, t, ty]) => {
      const dt = new DataTransfer()
      dt.items.add(new File([t], n, { type: ty }))
      return dt
    },
    [name, text, type] as const,
  )
  await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: transfer, clientX: 500, clientY: 300 })
}

/** Opens `doc` as a graph file, drops the data file it reads on the canvas, then runs it all. */
export async function openDropAndRun(page: Page, doc: { nodes: readonly unknown[] }, file: { name: string; text: string; type: string }) {
  await openGraphFile(page, { name: 'graph.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })
  await expect.poll(() => nodes(page).count()).toBe(doc.nodes.length)
  await dropFile(page, file.name, file.text, file.type)
  await expect.poll(() => page.getByText('Provide the file', { exact: false }).count()).toBe(0)
  await runAll(page)
}

/**
 * A CSV of `cols` columns (f1 … f{cols-1}, or the names `name` gives them, then an integer `target`)
 * and `rows` rows, numbers from a fixed formula.
 */
export function wideCsv(cols: number, rows: number, name = (j: number) => `f${j}`): string {
  const head = [...Array.from({ length: cols - 1 }, (_, j) => name(j + 1)), 'target'].join(',')
  const lines = Array.from({ length: rows }, (_, i) =>
    [...Array.from({ length: cols - 1 }, (_, j) => (((i + 1) * (j + 3)) % 97) / 10), i % 3].join(','),
  )
  return [head, ...lines].join('\n') + '\n'
}
