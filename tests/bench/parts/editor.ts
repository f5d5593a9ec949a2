import { existsSync, mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GraphDocument } from '../../../runtime/document/schema'
import type { PartResult } from '../report'
import { ARGS, CHROMIUM, serve } from '../lib/chromium'
import { ROOT } from '../lib/proc'
import { pipelines } from './browser'
import { autoLayout, drag, openLink, pan, runAll, type GestureCost } from './editor-gestures'

/** `copies` bench pipelines placed on a plain grid in document order (what auto-layout then rearranges). */
function onGrid(copies: number): GraphDocument {
  const doc = pipelines(copies)
  return { ...doc, nodes: doc.nodes.map((n, i) => ({ ...n, position: { x: 12 + (i % 25) * 260, y: 12 + Math.floor(i / 25) * 160 } })) }
}

const frameNote = (f: GestureCost) => `main thread ${f.workPerMove.toFixed(1)} ms per mouse move; rAF interval median ${f.median.toFixed(1)}, p95 ${f.p95?.toFixed(1)} ms (headless, 60 Hz, software rendering)`

/**
 * The editor itself (the app's production build) in headless Chromium: open a share link to a
 * graph without positions (load, validation in the worker, auto-layout, drawing) until its nodes
 * are on the canvas, then the cost of panning it; the same at 1 000 nodes, plus dragging a node
 * there; auto-layout of `nodes` nodes placed on a grid; Run all of `runNodes` nodes against the
 * engine's own time.
 */
export async function measureEditor(nodes: number, large = 1000, runNodes = 350): Promise<PartResult> {
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
    const cdp = await ctx.newCDPSession(page)
    await cdp.send('Performance.enable')
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // Load the app once first, so the timed open does not include the first download and compile,
    // nor the first visit's one-off work: the engine installs the examples' data files (≈ 0.3 s of
    // IndexedDB writes) before it reports ready.
    await page.goto(url)
    await page.locator('.react-flow__pane').waitFor({ timeout: 60_000 })
    await page.waitForFunction(() => !document.querySelector('.engine-gate'), undefined, { timeout: 60_000 })
    await page.goto('about:blank')
    const t0 = performance.now()
    await page.goto(url)
    await page.locator('.react-flow__pane').waitFor({ timeout: 60_000 })
    const appMs = performance.now() - t0
    const openMs = await openLink(page, url, pipelines(nodes / 5))
    const panned = await pan(page, cdp)
    const openLargeMs = await openLink(page, url, pipelines(large / 5))
    const panLarge = await pan(page, cdp)
    const dragLarge = await drag(page, cdp)
    await openLink(page, url, onGrid(nodes / 5))
    const layout = await autoLayout(page)
    await openLink(page, url, pipelines(runNodes / 5))
    const run = await runAll(page)
    if (errors.length) throw new Error(`editor page error: ${errors[0]}`)
    const sixteen = { op: '<=', value: 16 } as const
    return {
      figures: [
        { key: 'editorOpenMs', label, value: openMs, unit: 'ms', target: { op: '<', value: 2000 }, note: `the app alone (empty canvas) ${appMs.toFixed(0)} ms; cached app` },
        { key: 'editorPanFrameMs', label: `editor: main-thread work per move, panning ${nodes} nodes`, value: panned.workPerMove, unit: 'ms', target: sixteen, note: frameNote(panned) },
        { key: 'editorOpenLargeMs', label: `editor: open a ${large}-node share link until drawn`, value: openLargeMs, unit: 'ms', target: { op: '<', value: 1000 } },
        { key: 'editorPanLargeFrameMs', label: `editor: main-thread work per move, panning ${large} nodes`, value: panLarge.workPerMove, unit: 'ms', target: sixteen, note: frameNote(panLarge) },
        { key: 'editorDragLargeFrameMs', label: `editor: main-thread work per move, dragging a node among ${large}`, value: dragLarge.workPerMove, unit: 'ms', target: sixteen, note: frameNote(dragLarge) },
        { key: 'editorAutoLayoutMs', label: `editor: auto-layout of ${nodes} nodes until drawn`, value: layout.ms, unit: 'ms', target: { op: '<', value: 1000 }, note: `from the click; nodes on a grid before` },
        { key: 'editorAutoLayoutBlankFrames', label: `editor: frames with a blank canvas during that auto-layout`, value: layout.blankFrames, unit: 'count', target: { op: '=', value: 0 }, note: `of ${layout.frames} frames, through the fit that follows` },
        { key: 'editorRunAllRatio', label: `editor: Run all of ${runNodes} nodes, wall / engine's own time`, value: run.wallMs / run.engineMs, unit: 'x', target: { op: '<=', value: 1.5 }, note: `${run.wallMs.toFixed(0)} ms from the click until the end is shown vs ${run.engineMs.toFixed(0)} ms reported by the engine; ${run.ran} ran` },
      ],
      details: { openMs, appMs, panned, openLargeMs, panLarge, dragLarge, layout, run },
    }
  } finally {
    await ctx.close()
    server.close()
    await rm(outDir, { recursive: true, force: true })
    await rm(profile, { recursive: true, force: true })
  }
}
