import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { CliProcesses } from '../support/cli-processes'
import { startRedis, type LocalRedis } from '../support/redis-server'
import { badge, FIXTURE, nodeCard, openGraphFile, runAll } from './actions'
import { appPages } from './app-pages'
import { otherReleaseBridge } from './other-release-bridge'

const app = appPages()
const processes = new CliProcesses()
const procs = processes.started
let redis: LocalRedis | undefined
let shared = ''
let bridgeUrl = ''

const start = (args: string[]) => processes.start(args)

beforeAll(async () => {
  redis = await startRedis()
  shared = await mkdtemp(join(tmpdir(), 'mlcanvas-e2e-queue-'))
  const cache = ['--queue', redis.url, '--cache-dir', shared]
  const workers = [start(['worker', ...cache, '--warm-up-ms', '0']), start(['worker', ...cache, '--warm-up-ms', '0'])]
  const bridge = start(['bridge', ...cache, '--port', '0', '--allow-origin', new URL(inject('appUrl')).origin])
  const deadline = Date.now() + 120_000
  while (!(/bridge on http/.test(bridge.out) && workers.every((w) => w.out.includes(' serving ')))) {
    if (Date.now() > deadline) throw new Error(`the bridge and workers did not start:\n${procs.map((p) => p.out).join('\n')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  bridgeUrl = /bridge on (http:\/\/\S+) /.exec(bridge.out)![1]
})

afterAll(async () => {
  await processes.stopAll('SIGTERM')
  await redis?.stop()
  if (shared) await rm(shared, { recursive: true, force: true })
})

/** Sets "Remote queue (bridge URL)" in the Cache dialog, waits for the bridge's answer and leaves the dialog open. */
async function applyRemote(page: Page, url: string, answer: string) {
  await page.getByRole('button', { name: 'Cache' }).click()
  const dialog = page.getByRole('dialog', { name: 'Cache and workers' })
  await dialog.getByRole('textbox', { name: 'Remote queue (bridge URL)' }).fill(url)
  await dialog.getByRole('button', { name: 'Apply' }).click()
  const status = dialog.getByRole('status', { name: 'Remote queue status' })
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe(answer)
  return { dialog, status }
}

/** Sets "Remote queue (bridge URL)" in the Cache dialog and waits for what the bridge says. */
async function setRemote(page: Page, url: string) {
  const { dialog } = await applyRemote(page, url, 'connected: 2 workers serving the queue')
  // Each setting sits on one line with its label (at 1280 px the URL and Token fields used to wrap).
  for (const [label, control] of [
    ['Remote queue (bridge URL)', dialog.getByRole('textbox', { name: 'Remote queue (bridge URL)' })],
    ['Token', dialog.getByLabel('Token')],
    ['Token', dialog.getByRole('button', { name: 'Apply' })],
    ['Workers', dialog.getByRole('combobox', { name: 'Workers' })],
  ] as const) {
    const [a, b] = [await dialog.getByText(label, { exact: true }).boundingBox({ timeout: 5000 }), await control.boundingBox()]
    expect(a!.height, `${label} on one line`).toBeLessThan(26)
    expect(Math.abs(a!.y + a!.height / 2 - (b!.y + b!.height / 2)), `${label} and its control`).toBeLessThan(4)
  }
  await dialog.getByRole('button', { name: 'Close' }).click()
}

describe('the editor on a remote queue', () => {
  it('runs a search whose trials the queue workers compute, and says which worker ran a node', async () => {
    const page = await app()
    await setRemote(page, bridgeUrl)
    const doc = JSON.parse(await readFile(resolve('tests/fixtures/queue/search-20.json'), 'utf8'))
    const search = doc.nodes.find((n: { type: string }) => n.type === 'select.search')
    search.params.trials = 4
    await openGraphFile(page, { name: 'search.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })
    await runAll(page, 110_000)
    await expect.poll(() => badge(page, 'Hyperparameter search').textContent()).toMatch(/^done/)
    await nodeCard(page, 'Train').click()
    const info = page.getByRole('region', { name: 'Run status' })
    await expect.poll(() => info.textContent()).toMatch(/Ran on: queue worker \S+:\d+/)
    // The search's trials table says which queue worker ran each trial.
    await nodeCard(page, 'Hyperparameter search').dispatchEvent('click')
    await page.getByRole('tablist', { name: 'Output' }).getByRole('tab', { name: 'Trials' }).click()
    await expect.poll(() => page.getByRole('columnheader', { name: /^ran on/ }).count()).toBe(1)
    await expect.poll(() => page.getByRole('cell', { name: /^queue workers? \S+:\d+/ }).count()).toBeGreaterThan(0)
    // The trials' nodes ran on the workers (each logs a ✓ line per node it computed).
    const computed = procs.slice(0, 2).map((p) => (p.out.match(/^✓ /gm) ?? []).length)
    expect(computed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4 * 3)
  }, 120_000)

  it('says in the open Cache dialog when the bridge goes away', async () => {
    const page = await app()
    const bridge = start(['bridge', '--queue', redis!.url, '--cache-dir', shared, '--port', '0', '--allow-origin', new URL(inject('appUrl')).origin])
    await expect.poll(() => /bridge on (http:\/\/\S+) /.exec(bridge.out)?.[1], { timeout: 60_000 }).toBeTruthy()
    const url = /bridge on (http:\/\/\S+) /.exec(bridge.out)![1]
    const { status } = await applyRemote(page, url, 'connected: 2 workers serving the queue')
    bridge.child.kill('SIGKILL')
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^The remote queue at ${url} cannot be reached`))
  }, 120_000)

  it('offers to run here a node that a worker of another release failed, and runs it here', async () => {
    const page = await app()
    const other = await otherReleaseBridge()
    try {
      const { dialog } = await applyRemote(page, other.url, 'connected: 1 worker serving the queue')
      await dialog.getByRole('button', { name: 'Close' }).click()
      await openGraphFile(page, FIXTURE)
      await runAll(page)
      expect(other.jobs).toBeGreaterThan(0)
      await expect.poll(() => badge(page, 'Iris').getAttribute('data-state')).toBe('error')
      await nodeCard(page, 'Iris').dispatchEvent('click')
      const info = page.getByRole('region', { name: 'Run status' })
      await expect.poll(() => info.textContent()).toContain('The remote queue\'s worker failed node "iris": This worker has data.iris version 9, the job asks for version 1')
      await info.getByRole('button', { name: 'Run on this machine instead' }).click()
      await expect.poll(() => badge(page, 'Iris').getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
      await expect.poll(() => badge(page, 'Confusion matrix').getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    } finally {
      await other.close()
    }
  }, 120_000)
})
