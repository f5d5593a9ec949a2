import { describe, expect, it } from 'vitest'
import { FIXTURE, nodeCard, openGraphFile, runAll } from './actions'
import { SHOTS } from './browser'
import { appPages } from './app-pages'

const app = appPages()

describe('the runs panel', () => {
  it('lists every run, compares two (params, metrics, curves) and restores an earlier graph', async () => {
    const page = await app()
    await openGraphFile(page, FIXTURE)
    await runAll(page)
    await nodeCard(page, 'Train').click()
    const epochs = page.getByRole('spinbutton', { name: 'Epochs' })
    const before = await epochs.inputValue()
    await epochs.fill(String(Number(before) + 3))
    await runAll(page)

    await page.getByRole('button', { name: 'Runs' }).click()
    const dialog = page.getByRole('dialog', { name: 'Runs' })
    const rows = dialog.getByRole('table', { name: 'Run history' }).locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(2)
    await expect.poll(() => rows.first().textContent()).toMatch(/fit\.epochs/)
    for (const box of await dialog.getByRole('checkbox').all()) await box.check()
    const diff = dialog.getByRole('table', { name: 'Params that differ' })
    await expect.poll(() => diff.textContent()).toMatch(new RegExp(`fit\\.epochs${before}${Number(before) + 3}`))
    await expect.poll(() => dialog.getByRole('table', { name: 'Metrics of the selected runs' }).textContent()).toMatch(/metrics\.accuracy/)
    expect(await dialog.getByRole('img', { name: 'Loss curves of the selected runs' }).locator('polyline').count()).toBeGreaterThanOrEqual(2)
    await page.screenshot({ path: `${SHOTS}/runs-compare.png` })

    // Restore the older run: its epochs come back, and Undo returns to the newer graph.
    // Restore the older run: running it again is all cache hits, with epochs changed back.
    await rows.nth(1).getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    await runAll(page)
    await page.getByRole('button', { name: 'Runs' }).click()
    await expect.poll(() => rows.count()).toBe(3)
    await expect.poll(() => rows.first().textContent()).toMatch(/0 ran · 10 cached.*fit\.epochs/)
    await dialog.getByRole('checkbox').first().check()
    await dialog.getByRole('checkbox').last().check()
    await expect.poll(() => diff.count()).toBe(0)
    await expect.poll(() => dialog.textContent()).toMatch(/Same params in every selected run/)
  }, 150_000)
})
