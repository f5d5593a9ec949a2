import { describe, expect, inject, it } from 'vitest'
import { dropFile, edges, FIXTURE, fixtureDoc, nodeCard, nodes, openGraphFile, viewSettled } from './actions'
import { SHOTS } from './browser'
import { appPages } from './app-pages'

const url = inject('appUrl')
const app = appPages()

describe('editing in the browser', () => {
  it('copies nodes with Ctrl+C and pastes them into another tab with Ctrl+V', async () => {
    const page = await app()
    await openGraphFile(page, FIXTURE)
    await expect.poll(() => nodes(page).count()).toBe(fixtureDoc().nodes.length)
    await viewSettled(page)
    await nodeCard(page, 'Iris').click()
    await nodeCard(page, 'Train / test split').click({ modifiers: ['Shift'] })
    await page.keyboard.press('Control+c')

    const other = await page.context().newPage()
    await other.goto(url)
    await other.locator('.react-flow__node').first().waitFor()
    await other.getByRole('button', { name: 'New' }).click()
    await expect.poll(() => nodes(other).count()).toBe(0)
    await other.locator('.react-flow__pane').click()
    await other.keyboard.press('Control+v')
    await expect.poll(() => nodes(other).count()).toBe(2)
    expect(await edges(other).count()).toBe(1)

    // Duplicate in place, then delete the copies with the Delete key.
    await other.keyboard.press('Control+d')
    await expect.poll(() => nodes(other).count()).toBe(4)
    await other.keyboard.press('Delete')
    await expect.poll(() => nodes(other).count()).toBe(2)
  })

  it('dropping a CSV adds a CSV node reading it; dropping a graph JSON opens it', async () => {
    const page = await app()
    await page.getByRole('button', { name: 'New' }).click()
    await dropFile(page, 'tiny.csv', 'x,y\n1,a\n2,b\n3,a\n', 'text/csv')
    await expect.poll(() => nodes(page).count()).toBe(1)
    await expect(page.getByText('CSV file node added, reading "tiny.csv".').isVisible()).resolves.toBe(true)
    await page.getByRole('button', { name: 'Run all' }).click()
    await expect.poll(() => nodes(page).first().textContent()).toMatch(/3 rows × 2 cols/)

    const { readFileSync } = await import('node:fs')
    await dropFile(page, 'graph.json', readFileSync(FIXTURE, 'utf8'), 'application/json')
    await expect.poll(() => page.getByLabel('Graph title').inputValue()).toBe(fixtureDoc().meta.title)
  })

  it('says which file a graph needs, and runs once the file is dropped', async () => {
    const page = await app()
    const { readFileSync } = await import('node:fs')
    // The cleaning example reading a file this browser does not have (its own data ships with the app).
    const doc = readFileSync('examples/cleaning-showcase.json', 'utf8').replace('data/messy-customers.csv', 'data/my-customers.csv')
    await openGraphFile(page, { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(doc) })
    const need = page.getByText('Provide the file “data/my-customers.csv”', { exact: false })
    await expect.poll(() => need.count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/needs-file.png` })
    await dropFile(page, 'my-customers.csv', readFileSync('examples/data/messy-customers.csv', 'utf8'), 'text/csv')
    await expect.poll(() => need.count()).toBe(0)
    await page.getByRole('button', { name: 'Run all' }).click()
    await expect.poll(() => nodes(page).first().locator('.badge').getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
  })

  it('cancels a training run, and forces a backend from the toolbar', async () => {
    const page = await app()
    await page.getByRole('button', { name: 'Examples', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: /spirals-deep-mlp\.json/ }).click()
    await nodeCard(page, 'Train').click()
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('5000')
    await page.getByRole('button', { name: 'Run all' }).click()
    await expect.poll(() => nodeCard(page, 'Train').locator('.badge').getAttribute('data-state'), { timeout: 60_000 }).toBe('running')
    await expect.poll(() => page.locator('.results .loss-chart').count(), { timeout: 30_000 }).toBe(1)
    await page.screenshot({ path: `${SHOTS}/training-live.png` })
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Cancel' }).isDisabled(), { timeout: 5_000 }).toBe(true)
    expect(await nodeCard(page, 'Train').locator('.badge').getAttribute('data-state')).toBe('cancelled')

    await page.getByLabel('Force a backend').selectOption('cpu')
    await page.waitForURL(/backend=cpu/)
    await expect.poll(() => page.getByTestId('backend').textContent(), { timeout: 60_000 }).toBe('cpu')
  })

  it('shows what users type as text, never as HTML', async () => {
    const page = await app()
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>'
    await nodeCard(page, 'Iris').click()
    await page.getByLabel('Node label').fill(evil)
    await page.getByLabel('Graph title').fill(evil)
    await expect.poll(() => page.locator('.pnode-title', { hasText: '<img src=x' }).count()).toBe(1)
    expect(await page.locator('.react-flow__node img, .react-flow__node b').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  })

  it('opens every example from the gallery', async () => {
    const page = await app()
    await page.getByRole('button', { name: 'Examples', exact: true }).click()
    const cards = page.getByRole('dialog').getByRole('button', { name: /\.json$/ })
    const count = await cards.count()
    expect(count).toBeGreaterThan(0)
    for (let i = 0; i < count; i++) {
      if (i > 0) await page.getByRole('button', { name: 'Examples', exact: true }).click()
      const card = page.getByRole('dialog').getByRole('button', { name: /\.json$/ }).nth(i)
      const title = (await card.locator('strong').textContent())!
      await card.click()
      await expect.poll(() => page.getByLabel('Graph title').inputValue()).toBe(title)
      expect(await nodes(page).count()).toBeGreaterThan(0)
    }
  })
})
