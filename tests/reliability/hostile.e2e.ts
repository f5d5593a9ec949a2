import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { encodeShareFragment } from '../../editor/lib/share-link'
import { dropFile, fixtureDoc, nodeCard, runAll } from '../browser/actions'
import { freshContext } from '../browser/browser'

const url = inject('appUrl')
let ctx: Awaited<ReturnType<typeof freshContext>>
let page: Page
const errors: string[] = []

/** Markup that would run if any text from a document or a file were put in the page as HTML. */
const XSS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<svg onload="window.__pwned=3">',
  'javascript:window.__pwned=4',
  '"><iframe srcdoc="<script>parent.__pwned=5</script>">',
]

/** Nothing ran: no flag set, no dialog, no element any payload would have created. */
async function nothingExecuted(): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(await page.locator('img[src="x"], iframe[srcdoc], svg[onload]').count()).toBe(0)
  expect(errors).toEqual([])
}

/** Loads the app at `fragment` (a fresh page load: a hash change alone would not reopen anything). */
async function openAt(fragment: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(url + fragment)
  await page.waitForFunction(() => !document.querySelector('.engine-gate'), undefined, { timeout: 60_000 })
}

const openLink = (doc: unknown) => openAt(encodeShareFragment(typeof doc === 'string' ? doc : JSON.stringify(doc)))

beforeAll(async () => {
  ctx = await freshContext()
  page = ctx.pages()[0] ?? (await ctx.newPage())
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
})
afterAll(() => ctx.close())

describe('hostile content in the browser', () => {
  it('labels, title and description from a share link are shown as text', async () => {
    const doc = fixtureDoc() as { nodes: { label?: string }[]; meta: Record<string, string> }
    doc.nodes.forEach((n, i) => (n.label = XSS[i % XSS.length]))
    doc.meta = { title: XSS[1], description: XSS.join(' ') }
    await openLink(doc)
    await page.locator('.react-flow__node').first().waitFor()
    await expect.poll(() => page.getByText(XSS[0], { exact: true }).count()).toBeGreaterThan(0)
    await nothingExecuted()
  })

  it('column names and cells of a dropped CSV are shown as text after a run', async () => {
    await openLink(fixtureDoc())
    await page.locator('.react-flow__node').first().waitFor()
    const header = XSS.map((x) => `"${x.replace(/"/g, '""')}"`).join(',') + ',label'
    const rows = Array.from({ length: 12 }, (_, i) => XSS.map((x) => `"${x.replace(/"/g, '""')}${i}"`).join(',') + `,${i % 2}`)
    await dropFile(page, '<img src=x onerror=window.__pwned=6>.csv', [header, ...rows].join('\n'), 'text/csv')
    await runAll(page)
    const card = nodeCard(page, 'CSV file').first()
    if (await card.count()) await card.click()
    await nothingExecuted()
  })

  it.each([
    ['a damaged link', '#g=AAAA'],
    ['a prototype-named port', JSON.stringify({ format: 'mlcanvas/graph', version: 1, nodes: [{ id: '__proto__', type: 'data.iris', params: {} }, { id: 'b', type: 'transform.split', params: {} }], edges: [{ id: 'e', from: { node: '__proto__', port: 'constructor' }, to: { node: 'b', port: 'toString' } }] })],
    ['nesting past the limit', `{"format":"mlcanvas/graph","version":1,"nodes":[],"meta":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`],
  ])('%s: a message, and the editor keeps working', async (_name, link) => {
    await (link.startsWith('#') ? openAt(link) : openLink(link))
    await expect.poll(() => page.getByText(/Could not open the share link/).count()).toBeGreaterThan(0)
    expect(await page.getByRole('button', { name: 'Run all' }).isEnabled()).toBe(true)
    await nothingExecuted()
  })
})
