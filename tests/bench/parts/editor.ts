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

/** Frame intervals (ms) from requestAnimationFrame while `gesture` runs. */
async function frameTimes(page: Page, gesture: () => Promise<void>): Promise<number[]> {
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
  await gesture()
  const stamps = await page.evaluate<number[]>(`(() => {
    window.stop_ = true
    return window.frames_
  })()`)
  return stamps.slice(1).map((t, i) => t - stamps[i])
}

/** The pane dragged back and forth three times. */
async function panFrames(page: Page): Promise<number[]> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!
  const y = box.y + box.height / 2
  return frameTimes(page, async () => {
    for (let pass = 0; pass < 3; pass++) {
      await page.mouse.move(box.x + box.width * 0.7, y)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width * 0.3, y + 60, { steps: 30 })
      await page.mouse.up()
    }
  })
}

/** A node in view dragged by its title bar, there and back. */
async function dragFrames(page: Page): Promise<number[]> {
  const head = page.locator('.react-flow__node .pnode-head').nth(2)
  const box = (await head.boundingBox())!
  const [x, y] = [box.x + 20, box.y + box.height / 2]
  return frameTimes(page, async () => {
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 200, y + 120, { steps: 30 })
    await page.mouse.move(x, y, { steps: 30 })
    await page.mouse.up()
  })
}

const frameStats = (frames: number[]) => {
  const sorted = [...frames].sort((a, b) => a - b)
  return { median: median(frames), p95: sorted[Math.floor(sorted.length * 0.95)] }
}

/** Opens a share link to an `nodes`-node graph until it is drawn in place; the open time in ms. */
async function openLink(page: Page, url: string, nodes: number): Promise<number> {
  const link = url + encodeShareFragment(JSON.stringify(pipelines(nodes / 5)))
  await page.goto('about:blank')
  const t0 = performance.now()
  await page.goto(link)
  // Big graphs draw only the nodes in view (onlyRenderVisibleElements): wait for a screenful.
  const inView = Math.min(nodes, 20)
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, inView, { timeout: 120_000, polling: 50 })
  // Drawn where the layout put them: ELK runs before the nodes get their final positions.
  await page.waitForFunction(() => !document.querySelector('.react-flow__node[style*="translate(0px, 0px)"]'), undefined, { timeout: 60_000, polling: 50 })
  return performance.now() - t0
}

/**
 * The editor itself (the app's production build) in headless Chromium: open a share link to a
 * graph without positions (load, validation in the worker, ELK layout, drawing) until its nodes
 * are on the canvas, then frame times while panning it; the same at 1 000 nodes, plus dragging
 * a node there.
 */
export async function measureEditor(nodes: number, large = 1000): Promise<PartResult> {
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
    await page.goto('about:blank')
    const t0 = performance.now()
    await page.goto(url)
    await page.locator('.react-flow__pane').waitFor({ timeout: 60_000 })
    const appMs = performance.now() - t0
    const openMs = await openLink(page, url, nodes)
    const pan = frameStats(await panFrames(page))
    const openLargeMs = await openLink(page, url, large)
    const panLarge = frameStats(await panFrames(page))
    const dragLarge = frameStats(await dragFrames(page))
    if (errors.length) throw new Error(`editor page error: ${errors[0]}`)
    const frameNote = (f: { p95: number }) => `p95 ${f.p95?.toFixed(1)} ms (headless, software rendering)`
    return {
      figures: [
        { key: 'editorOpenMs', label, value: openMs, unit: 'ms', target: { op: '<', value: 2000 }, note: `the app alone (empty canvas) ${appMs.toFixed(0)} ms; cached app` },
        { key: 'editorPanFrameMs', label: `editor: frame time while panning ${nodes} nodes (median)`, value: pan.median, unit: 'ms', note: frameNote(pan) },
        { key: 'editorOpenLargeMs', label: `editor: open a ${large}-node share link until drawn`, value: openLargeMs, unit: 'ms', target: { op: '<', value: 1000 } },
        { key: 'editorPanLargeFrameMs', label: `editor: frame time while panning ${large} nodes (median)`, value: panLarge.median, unit: 'ms', target: { op: '<=', value: 16 }, note: frameNote(panLarge) },
        { key: 'editorDragLargeFrameMs', label: `editor: frame time while dragging a node among ${large} (median)`, value: dragLarge.median, unit: 'ms', target: { op: '<=', value: 16 }, note: frameNote(dragLarge) },
      ],
      details: { openMs, appMs, pan, openLargeMs, panLarge, dragLarge },
    }
  } finally {
    await ctx.close()
    server.close()
    await rm(outDir, { recursive: true, force: true })
    await rm(profile, { recursive: true, force: true })
  }
}
