import { mkdirSync } from 'node:fs'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { nodeCard, runAll } from './actions'
import { freshContext, openApp, SHOTS } from './browser'

const url = inject('appUrl')
mkdirSync(SHOTS, { recursive: true })

const contexts: BrowserContext[] = []
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()))
})

describe('reinforcement learning in the browser', () => {
  it('trains the maze example, draws the greedy policy over the grid and replays an episode step by step', async () => {
    const ctx = await freshContext()
    contexts.push(ctx)
    const page = await openApp(ctx, url)
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Maze: Q-learning/ }).click()
    await runAll(page)

    await nodeCard(page, 'Policy map').click()
    const results = page.getByRole('region', { name: 'Results' })
    await expect.poll(() => results.getByRole('img', { name: /7 × 11 grid with the greedy action per cell/ }).count()).toBe(1)
    await expect.poll(() => nodeCard(page, 'Q-learning').getByText(/^episode 500 · return /).count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/rl-policy-map.png` })

    // The minimap can cover this node after the fit (a known layout gap); a dispatched click still selects it.
    await nodeCard(page, 'Episode replay').dispatchEvent('click')
    const slider = results.getByRole('slider', { name: 'Step' })
    await expect.poll(() => slider.getAttribute('max')).toBe('26')
    await expect.poll(() => results.getByText(/step 0 \/ 26 · return 0$/).count()).toBe(1)
    await slider.fill('26')
    // 25 steps at −0.01, then the goal's +1.
    await expect.poll(() => results.getByText(/step 26 \/ 26 · return 0\.75 · right/).count()).toBe(1)
    await results.getByRole('button', { name: 'Replay' }).click()
    await expect.poll(() => results.getByRole('button', { name: 'Pause' }).count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/rl-replay.png` })
  })
})
