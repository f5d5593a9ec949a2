import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { badge, nodeCard, openGraphFile, runAll } from './actions'
import { appPages } from './app-pages'

const app = appPages()
const FIXTURE = 'tests/browser/fixtures/two-branches.json'
const BRANCHES = ['Metrics A', 'Metrics B', 'Train A', 'Train B']

/** Sets the Workers setting in the Cache dialog (clearing the cache first if asked) and waits until its workers run. */
async function setWorkers(page: Page, count: number, clear = false) {
  await page.getByRole('button', { name: 'Cache' }).click()
  const dialog = page.getByRole('dialog', { name: 'Cache and workers' })
  if (clear) await dialog.getByRole('button', { name: 'Clear cache' }).click()
  await dialog.getByRole('combobox', { name: 'Workers' }).selectOption(String(count))
  await expect.poll(() => dialog.getByRole('status', { name: 'Workers status' }).textContent(), { timeout: 60_000 }).toBe('ready')
  await dialog.getByRole('button', { name: 'Close' }).click()
}

/** What each branch's card shows: summary lines (metrics, losses), without the time taken. */
const shown = (page: Page) => Promise.all(BRANCHES.map((t) => nodeCard(page, t).locator('.pnode-summary').textContent()))

/** "done · 2.3 s" → 2300 (the badge shows tenths of a second from 1 s on). */
const seconds = (text: string | null) => {
  const m = /([\d.]+) (s|ms)$/.exec(text ?? '')
  if (!m) throw new Error(`no time in "${text}"`)
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1)
}

/** Which pool worker the Inspector says ran the node ('' when the engine's own worker did). */
async function ranOn(page: Page, title: string) {
  await nodeCard(page, title).click()
  const info = page.getByRole('region', { name: 'Run status' })
  await expect.poll(() => info.textContent()).toMatch(/computed in/)
  return /Ran on: (pool worker \d+)/.exec((await info.textContent()) ?? '')?.[1] ?? ''
}

describe('the worker pool', () => {
  it('trains two independent branches on two workers at once, with the numbers of one worker and a cached re-run', async () => {
    const page = await app()
    await setWorkers(page, 1)
    await openGraphFile(page, FIXTURE)
    await runAll(page)
    const alone = await shown(page)
    expect(alone.every((t) => t && /\d/.test(t))).toBe(true)
    expect([await ranOn(page, 'Train A'), await ranOn(page, 'Train B')]).toEqual(['', ''])

    await setWorkers(page, 2, true)
    await runAll(page)
    expect(await shown(page)).toEqual(alone)
    // The two trainings ran on the two pool workers ...
    expect([await ranOn(page, 'Train A'), await ranOn(page, 'Train B')].sort()).toEqual(['pool worker 1', 'pool worker 2'])
    // ... at the same time: both lie inside the run, so times adding up to more than it means they overlapped.
    const [a, b] = await Promise.all(['Train A', 'Train B'].map(async (t) => seconds(await badge(page, t).textContent())))
    const wall = seconds(await page.getByRole('status', { name: 'Last run' }).textContent())
    expect(a + b).toBeGreaterThan(wall)

    await runAll(page)
    await expect.poll(() => page.getByRole('status', { name: 'Last run' }).textContent()).toMatch(/^0 ran · 10 cached/)

    // The setting is kept in this browser.
    await page.reload()
    await page.waitForFunction(() => !document.querySelector('.engine-gate'), undefined, { timeout: 60_000 })
    await page.getByRole('button', { name: 'Cache' }).click()
    await expect.poll(() => page.getByRole('combobox', { name: 'Workers' }).inputValue()).toBe('2')
  }, 180_000)
})
