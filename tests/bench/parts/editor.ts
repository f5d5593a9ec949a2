import { existsSync, mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { encodeShareFragment } from '../../../editor/lib/share-link'
import type { PartResult } from '../report'
import { ARGS, CHROMIUM, serve } from '../lib/chromium'
import { ROOT } from '../lib/proc'
import { median } from '../lib/stats'
import { pipelines } from './browser'

/** Frame intervals (ms) while the pane is dragged back and forth, from requestAnimationFrame. */
async function panFrames(page: Page): Promise<number[]> {
  // A string, not a function: tsx would wrap a named inner function in a `__name` helper
  // that does not exist in the page.
  await page.evaluate(`(() => {
    window.frames_ = []
    window.stop_ = false
    const tick = (t) => {
      window.frames_.push(t)
      if (!window.stop_) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  const box = (await page.locator('.react-flow__pane').boundingBox())!
  const y = box.y + box.height / 2
  for (let pass = 0; pass < 3; pass++) {
    await page.mouse.move(box.x + box.width * 0.7, y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.3, y + 60, { steps: 30 })
    await page.mouse.up()
  }
  const stamps = await page.evaluate<number[]>(`(() => {
    window.stop_ = true
    return window.frames_
  })()`)
  return stamps.slice(1).map((t, i) => t - stamps[i])
}

/**
 * The editor itself (the app's production build) in headless Chromium: open a share link to a
 * `nodes`-node graph without positions (load, validation in the worker, ELK layout, drawing)
 * until every node is on the canvas, then frame times while panning it.
 */
export async function measureEditor(nodes: number): Promise<PartResult> {
  const label = `editor: open a ${nodes}-node share link until drawn`
  if (!existsSync(CHROMIUM)) return { figures: [{ key: 'editorOpenMs', label, value: null, unit: 'ms', note: `no Chromium at ${CHROMIUM}` }] }
  const { chromium } = await import('playwright-core')
  const { build } = await import('vite')
  const outDir = mkdtempSync(join(tmpdir(), 'bench-app-'))
  const profile = mkdtempSync(join(tmpdir(), 'bench-app-profile-'))
  await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } })
  const { server, url } = await serve(outDir)
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1280, height: 800 } })
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage())
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // Load the app once first, so the timed open does not include the first download and compile.
    await page.goto(url)
    await page.locator('.react-flow__pane').waitFor({ timeout: 60_000 })
    const link = url + encodeShareFragment(JSON.stringify(pipelines(nodes / 5)))
    await page.goto('about:blank')
    let t0 = performance.now()
    await page.goto(url)
    await page.locator('.react-flow__pane').waitFor({ timeout: 60_000 })
    const appMs = performance.now() - t0
    await page.goto('about:blank')
    t0 = performance.now()
    await page.goto(link)
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, nodes, { timeout: 120_000, polling: 50 })
    // Drawn where the layout put them: ELK runs before the nodes get their final positions.
    await page.waitForFunction(() => !document.querySelector('.react-flow__node[style*="translate(0px, 0px)"]'), undefined, { timeout: 60_000, polling: 50 })
    const openMs = performance.now() - t0
    const frames = await panFrames(page)
    if (errors.length) throw new Error(`editor page error: ${errors[0]}`)
    const sorted = [...frames].sort((a, b) => a - b)
    const p95 = sorted[Math.floor(sorted.length * 0.95)]
    return {
      figures: [
        { key: 'editorOpenMs', label, value: openMs, unit: 'ms', target: { op: '<', value: 2000 }, note: `the app alone (empty canvas) ${appMs.toFixed(0)} ms; cached app` },
        {
          key: 'editorPanFrameMs',
          label: `editor: frame time while panning ${nodes} nodes (median)`,
          value: median(frames),
          unit: 'ms',
          note: `p95 ${p95?.toFixed(1)} ms over ${frames.length} frames (headless, software rendering)`,
        },
      ],
      details: { openMs, appMs, frames },
    }
  } finally {
    await ctx.close()
    server.close()
    await rm(outDir, { recursive: true, force: true })
    await rm(profile, { recursive: true, force: true })
  }
}
