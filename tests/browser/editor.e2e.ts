import { readdirSync, readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { badge, drawWire, edges, FIXTURE, fixtureDoc, nodeCard, nodes, openGraphFile, overlappingCards, runAll, states } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })

const contexts: BrowserContext[] = []
async function context() {
  const ctx = await freshContext()
  contexts.push(ctx)
  return ctx
}
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()))
})

/** What the app opens on a first visit: iris-logistic-regression.json, else the first example by title. */
function defaultExample() {
  const files = readdirSync('examples').filter((f) => f.endsWith('.json'))
  const docs = files.map((f) => ({ file: f, doc: JSON.parse(readFileSync(`examples/${f}`, 'utf8')) }))
  const title = (d: { file: string; doc: { meta?: { title?: string } } }) => d.doc.meta?.title ?? d.file.replace(/\.json$/, '')
  docs.sort((a, b) => title(a).localeCompare(title(b)))
  return docs.find((d) => d.file === 'iris-logistic-regression.json') ?? docs[0]
}

describe('editor in the browser', () => {
  it('opens with the default example on the canvas', async () => {
    const ex = defaultExample()
    expect(ex, 'examples/ holds no graph to open').toBeDefined()
    const page = await openApp(await context(), url)
    await expect.poll(() => nodes(page).count()).toBe(ex.doc.nodes.length)
    expect(await page.getByLabel('Graph title').inputValue()).toBe(ex.doc.meta?.title ?? ex.file.replace(/\.json$/, ''))
    await page.screenshot({ path: `${SHOTS}/default-example.png` })
  })

  it('adds nodes from the palette, wires them, and refuses an incompatible wire with a reason', async () => {
    const page = await openApp(await context(), url)
    await page.getByRole('button', { name: 'New' }).click()
    await expect.poll(() => nodes(page).count()).toBe(0)
    const canvas = page.locator('.react-flow__pane')
    await page.getByRole('button', { name: 'Iris' }).dragTo(canvas, { targetPosition: { x: 150, y: 150 } })
    await page.getByRole('button', { name: 'Train / test split' }).dragTo(canvas, { targetPosition: { x: 450, y: 150 } })
    await page.getByRole('button', { name: 'Logistic regression' }).dragTo(canvas, { targetPosition: { x: 150, y: 350 } })
    await expect.poll(() => nodes(page).count()).toBe(3)

    await drawWire(page, nodeCard(page, 'Iris').getByTitle('output data: dataset'), nodeCard(page, 'Train / test split').getByTitle(/^input data/))
    await expect.poll(() => edges(page).count()).toBe(1)

    // A model spec cannot feed a table input: refused, with the reason where the user looks.
    await drawWire(page, nodeCard(page, 'Logistic regression').getByTitle(/^output model/), nodeCard(page, 'Train / test split').getByTitle(/^input data/))
    await expect(page.getByRole('alert').filter({ hasText: 'Not connected' }).textContent()).resolves.toMatch(/Cannot connect a model-spec output to an input that takes dataset/)
    expect(await edges(page).count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/wired.png` })

    // Undo removes the wire, redo brings it back.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
    await page.keyboard.press('Control+z')
    await expect.poll(() => edges(page).count()).toBe(0)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => edges(page).count()).toBe(1)

    // Double-click adds a node too.
    await page.getByRole('button', { name: 'Standardize' }).dblclick()
    await expect.poll(() => nodes(page).count()).toBe(4)
  })

  it('runs, re-runs only what an edit touched, and restores results after a reload without running', async () => {
    const page = await openApp(await context(), url)
    await openGraphFile(page, FIXTURE)
    await expect.poll(() => page.getByLabel('Graph title').inputValue()).toBe(fixtureDoc().meta.title)
    await runAll(page)
    const first = await states(page)
    expect(Object.values(first).every((s) => s === 'done'), JSON.stringify(first)).toBe(true)
    await expect(nodeCard(page, 'Classification metrics').textContent()).resolves.toMatch(/accuracy\s*0\.\d+|accuracy1/)

    // Edit the training node: it and everything downstream go stale and run again; the rest is cached.
    await nodeCard(page, 'Train').click()
    const epochs = page.getByRole('spinbutton', { name: 'Epochs' })
    await epochs.fill('20')
    await expect.poll(() => badge(page, 'Train').getAttribute('data-state')).toBe('stale')
    expect(await badge(page, 'Iris').getAttribute('data-state')).toBe('done')
    await runAll(page)
    const second = await states(page)
    const downstream = new Set(['Train', 'Predict', 'Classification metrics', 'Confusion matrix', 'Loss curve'])
    for (const [title, state] of Object.entries(second)) {
      expect(state, `${title} after editing epochs`).toBe(downstream.has(title) ? 'done' : 'cached')
    }
    await page.screenshot({ path: `${SHOTS}/rerun.png` })

    // Reload: the graph and every result come back from storage, and nothing runs.
    const metricsText = await nodeCard(page, 'Classification metrics').locator('.pnode-summary').textContent()
    await page.reload()
    await page.locator('.react-flow__node').first().waitFor()
    await expect.poll(async () => Object.values(await states(page)).every((s) => s === 'cached')).toBe(true)
    // The selection came back too: the inspector still shows the training node.
    expect(await page.getByLabel('Node label').getAttribute('placeholder')).toBe('Train')
    expect(await nodeCard(page, 'Classification metrics').locator('.pnode-summary').textContent()).toBe(metricsText)
    await nodeCard(page, 'Classification metrics').click()
    await expect(page.getByRole('table', { name: 'Metrics' }).isVisible()).resolves.toBe(true)
  })

  it('saves JSON that a fresh browser opens as the same graph', async () => {
    const page = await openApp(await context(), url)
    await openGraphFile(page, FIXTURE)
    await expect.poll(() => nodes(page).count()).toBe(fixtureDoc().nodes.length)
    // The fixture has no places: ELK lays it out just after it is drawn. Saved before that, the
    // file would still have none, and the second open would lay it out again.
    await expect.poll(() => overlappingCards(page)).toEqual([])
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()])
    const saved = readFileSync((await download.path())!, 'utf8')

    const other = await openApp(await context(), url)
    await openGraphFile(other, { name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(saved) })
    await expect.poll(() => other.getByLabel('Graph title').inputValue()).toBe(fixtureDoc().meta.title)
    const [again] = await Promise.all([other.waitForEvent('download'), other.getByRole('button', { name: 'Save' }).click()])
    expect(readFileSync((await again.path())!, 'utf8')).toBe(saved)
    expect(JSON.parse(saved).edges).toHaveLength(fixtureDoc().edges.length)
  })

  it('shows the problems of a malformed document and keeps the graph intact', async () => {
    const page = await openApp(await context(), url)
    const before = await nodes(page).count()
    await openGraphFile(page, { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "mlcanvas/graph", "nodes": [') })
    const dialog = page.getByRole('dialog', { name: 'Could not open "broken.json"' })
    await expect(dialog.textContent()).resolves.toMatch(/not valid JSON/)
    await page.screenshot({ path: `${SHOTS}/malformed.png` })
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect(await nodes(page).count()).toBe(before)

    const wrongShape = { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'a', params: {} }], edges: [] }
    await openGraphFile(page, { name: 'shape.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrongShape)) })
    await expect(page.getByRole('dialog').textContent()).resolves.toMatch(/nodes\[0\]\.type/)
    expect(await nodes(page).count()).toBe(before)
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()

    // An unknown node type is named on its node; the rest of the graph, wires included, loads.
    const unknown = {
      format: 'mlcanvas/graph',
      version: 1,
      nodes: [
        { id: 'd', type: 'data.iris', params: {} },
        { id: 'x', type: 'plugin.mystery', params: {} },
      ],
      edges: [{ id: 'e', from: { node: 'd', port: 'data' }, to: { node: 'x', port: 'table' } }],
    }
    await openGraphFile(page, { name: 'unknown.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(unknown)) })
    await expect.poll(() => page.getByText('Unknown node type “plugin.mystery”', { exact: false }).count()).toBe(1)
    expect(await nodes(page).count()).toBe(2)
    expect(await edges(page).count()).toBe(1)
  })

  it('round-trips a graph through a share link', async () => {
    const page = await openApp(await context(), url)
    await openGraphFile(page, FIXTURE)
    await expect.poll(() => nodes(page).count()).toBe(fixtureDoc().nodes.length)
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue()
    expect(link).toMatch(/#g=[A-Za-z0-9_-]+$/)
    // The address bar keeps the plain URL, so a reload shows the edited graph, not the link.
    expect(page.url()).not.toMatch(/#g=/)

    const other = await openApp(await context(), link)
    await expect.poll(() => other.getByLabel('Graph title').inputValue()).toBe(fixtureDoc().meta.title)
    expect(await nodes(other).count()).toBe(fixtureDoc().nodes.length)
    expect(await edges(other).count()).toBe(fixtureDoc().edges.length)
    expect(other.url()).not.toMatch(/#g=/)
  })
})
