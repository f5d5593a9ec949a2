import { describe, expect, it } from 'vitest'
import { FIXTURE, fixtureDoc, nodeCard, nodes, openGraphFile, runAll, states } from './actions'
import { SHOTS } from './browser'
import { appPages } from './app-pages'

const app = appPages()

describe('groups in the browser', () => {
  it('groups nodes, opens the group in place, goes back by the breadcrumb, runs, ungroups and undoes', async () => {
    const page = await app()
    await openGraphFile(page, FIXTURE)
    const all = fixtureDoc().nodes.length
    await expect.poll(() => nodes(page).count()).toBe(all)
    await runAll(page)
    await nodeCard(page, 'Standardize').click()
    await nodeCard(page, 'Train').click({ modifiers: ['Shift'] })
    await nodeCard(page, 'Predict').click({ modifiers: ['Shift'] })
    await page.getByRole('button', { name: 'Group', exact: true }).click()
    await expect.poll(() => nodes(page).count()).toBe(all - 2)
    const group = nodeCard(page, 'Group')
    await expect.poll(() => group.textContent()).toMatch(/3 nodes inside/)
    // Its ports are the inner graph's open ports, named after the inner node.
    await expect.poll(() => group.textContent()).toMatch(/Standardize\.data/)
    await expect.poll(() => group.textContent()).toMatch(/Predict\.predictions/)
    await page.getByRole('button', { name: 'Fit view' }).click()
    await page.screenshot({ path: `${SHOTS}/group-card.png` })

    // Grouping changed no cache key: every node is a cache hit.
    await runAll(page)
    expect(Object.values(await states(page)).filter((s) => s && s !== 'cached')).toEqual([])

    await group.dblclick()
    const crumbs = page.getByRole('navigation', { name: 'Group path' })
    await expect.poll(() => crumbs.textContent()).toBe('Pipeline › Group')
    await expect.poll(() => nodes(page).count()).toBe(3)
    await page.screenshot({ path: `${SHOTS}/group-open.png` })
    await crumbs.getByRole('button', { name: 'Pipeline' }).click()
    await expect.poll(() => nodes(page).count()).toBe(all - 2)
    expect(await crumbs.count()).toBe(0)

    // The view fits itself after leaving the group: click again until the card is the selection.
    await expect
      .poll(async () => {
        await nodeCard(page, 'Group').click()
        return nodeCard(page, 'Group').locator('.pnode.selected').count()
      })
      .toBe(1)
    await page.keyboard.press('Control+Shift+g')
    await expect.poll(() => nodes(page).count()).toBe(all)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => nodes(page).count()).toBe(all - 2)
    await expect.poll(() => nodeCard(page, 'Group').count()).toBe(1)
  }, 120_000)
})
