import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium unless $CHROMIUM_PATH says otherwise. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Headless, no GPU, no network chatter (this machine's network is closed), no first-run UI. */
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** A fresh browser profile (own IndexedDB), 1280×800, as a first-time visitor. */
export async function freshContext(): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'mlcanvas-profile-'))
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  })
}

/** Opens the app and waits until the engine is up and the graph is on the canvas. */
export async function openApp(ctx: BrowserContext, url: string, opts: { nodes?: boolean } = {}): Promise<Page> {
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  page.on('pageerror', (e) => console.error('[page error]', e.message))
  await page.goto(url)
  await page.getByRole('button', { name: 'Run all', exact: false }).waitFor()
  await page.waitForFunction(() => !document.querySelector('.engine-gate'), undefined, { timeout: 60_000 })
  if (opts.nodes !== false) await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 })
  return page
}

/** Where screenshots go; look at them. */
export const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots'
