import { existsSync, mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../../runtime/document/schema'
import type { Figure, PartResult } from '../report'
import { ARGS, CHROMIUM, serve } from '../lib/chromium'
import { measureBrowserPool, type PoolRun } from './browser-pool'
import { measureBrowserIncremental } from './browser-incremental'

const PAGE_ROOT = fileURLToPath(new URL('../browser/', import.meta.url))

/** `copies` × a five-node pipeline (iris → split → logistic regression + train → predict), no positions. */
export function pipelines(copies: number): GraphDocument {
  const doc: GraphDocument = { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [], meta: {} }
  const wire = (from: string, fromPort: string, to: string, toPort: string) =>
    doc.edges.push({ id: `e${doc.edges.length}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } })
  for (let i = 0; i < copies; i++) {
    const id = (name: string) => `${name}${i}`
    doc.nodes.push(
      { id: id('data'), type: 'data.iris', params: {} },
      { id: id('split'), type: 'transform.split', params: { seed: i } },
      { id: id('model'), type: 'model.logistic-regression', params: {} },
      { id: id('fit'), type: 'train.fit', params: {} },
      { id: id('predict'), type: 'predict.apply', params: {} },
    )
    wire(id('data'), 'data', id('split'), 'data')
    wire(id('split'), 'data', id('fit'), 'data')
    wire(id('model'), 'model', id('fit'), 'model')
    wire(id('fit'), 'model', id('predict'), 'model')
    wire(id('split'), 'data', id('predict'), 'data')
  }
  return doc
}

export interface BrowserOptions {
  /** Nodes in the graph that is loaded and laid out. */
  layoutNodes: number
  rows: number
  matmulSize: number
  repeats: number
  idbMB: number[]
  /** The MLP graph and its leaf edit, run in the page over IndexedDB. */
  doc: GraphDocument
  /** Fresh pages in which the MLP graph runs cold, then with its leaf edit, then again after a reload. */
  incrementalPairs: number
  /** The two-branch graph run through the app's execution worker with 1 and 2 workers, each timed run after an untimed `warmUp` run. */
  pool: { doc: GraphDocument; warmUp: GraphDocument; repeats: number }
}

/** Builds tests/bench/browser with Vite into a temporary folder. */
async function buildPage(outDir: string) {
  const { build } = await import('vite')
  await build({
    root: PAGE_ROOT,
    base: './',
    configFile: false,
    logLevel: 'error',
    worker: { format: 'es' },
    // Not minified: the threaded wasm build's pthread workers failed in a minified build (PITFALLS.md).
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192, minify: false },
  })
}

type Bench = Record<string, (...args: never[]) => Promise<unknown>>
const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => ((window as unknown as { bench: Bench }).bench[f as string] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])), [fn, args] as const) as Promise<T>

const none = (note: string): PartResult => ({
  figures: [{ key: 'browserIdbWriteMBps', label: 'Chromium: IndexedDB cache write', value: null, unit: 'MB/s', note }],
})

/**
 * In headless Chromium: every backend the page can start (webgpu and webgl on SwiftShader
 * here, wasm, cpu) as ratios to wasm, IndexedDB cache throughput, and the incremental
 * figures over IndexedDB (leaf edit in the same page, unchanged graph after a reload).
 */
export async function measureBrowser(o: BrowserOptions): Promise<PartResult> {
  if (!existsSync(CHROMIUM)) return none(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`)
  const { chromium } = await import('playwright-core')
  const outDir = mkdtempSync(join(tmpdir(), 'bench-page-'))
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'))
  const t0 = performance.now()
  await buildPage(outDir)
  const buildMs = performance.now() - t0
  const { server, url } = await serve(outDir)
  const isolated = await serve(outDir, true)
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true })
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage())
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const open = async (at = url) => {
      await page.goto(at)
      await page.waitForFunction(() => document.title === 'bench ready', undefined, { timeout: 60_000 })
    }
    await open()
    const probe = await call<{ probe: Record<string, { available?: boolean; software?: boolean; description?: string }>; auto: string }>(page, 'probe')
    type Times = { matmulMs: number; epochMs: number; epochs: number }
    const times: Record<string, Times | null> = {}
    const failed: Record<string, string> = {}
    for (const name of ['wasm', 'webgl', 'webgpu', 'cpu']) {
      // A fresh page per backend: a SwiftShader WebGPU device started after WebGL's work failed to allocate.
      await open()
      const r = await call<Times | { error: string }>(page, 'backend', name, o.rows, o.matmulSize, o.repeats).catch(
        (e: Error) => ({ error: e.message.split('\n')[0] }),
      )
      times[name] = 'error' in r ? null : r
      if ('error' in r) failed[name] = r.error
    }
    // Last of the WebGPU work: on SwiftShader this check destroys its device (webgpu-canvas.ts).
    await open()
    const canvas = probe.probe.webgpu?.available
      ? await call<{ kept: boolean; detail: string }>(page, 'webgpuCanvas').catch((e: Error) => ({ kept: false, detail: e.message.split('\n')[0] }))
      : undefined
    await open(isolated.url)
    const threads = await call<{ matmulMs: number; epochMs: number; threads: number } | { error: string }>(page, 'wasmThreads', o.rows, o.matmulSize, o.repeats)
      .catch((e: Error) => ({ error: e.message.split('\n')[0] }))
    await open()
    const layout = await call<{ loadMs: number; layoutMs: number; placed: number }>(page, 'loadAndLayout', JSON.stringify(pipelines(o.layoutNodes / 5)))
    await open()
    const idb: Record<string, { writeMBps: number; readMBps: number }> = {}
    for (const mb of o.idbMB) idb[mb] = await call(page, 'idb', mb, o.repeats)

    const incremental = await measureBrowserIncremental(o.doc, o.incrementalPairs, open, (phase, edited) => call(page, 'incremental', phase, o.doc, edited))
    await open()
    const poolRun = (doc: GraphDocument, workers: number) => call<PoolRun>(page, 'poolRun', doc, workers)
    const pool = await measureBrowserPool((workers, warm) => poolRun(warm ? o.pool.warmUp : o.pool.doc, workers), o.pool.doc.nodes.length, o.pool.repeats)
    if (errors.length) throw new Error(`page error: ${errors[0]}`)

    const wasm = times.wasm!
    const figures: Figure[] = []
    for (const [name, t] of Object.entries(times)) {
      const adapter = probe.probe[name]
      const canvasNote = name === 'webgpu' && canvas && !canvas.kept ? "; a drawn WebGPU canvas (how tfjs' dataSync reads) destroys this device, so reads are asynchronous" : ''
      figures.push({
        key: `backendRatio.chromium-${name}`,
        label: `Chromium ${name}: MLP epoch time / wasm`,
        value: t ? t.epochMs / wasm.epochMs : null,
        unit: 'x',
        note:
          (t
            ? `${t.epochMs.toFixed(0)} ms per epoch of ${o.rows} rows (best of ${t.epochs}); ${o.matmulSize}² matmul ${t.matmulMs.toFixed(1)} ms${adapter?.description ? `; ${adapter.description}` : ''}`
            : `did not start: ${failed[name]}`) + canvasNote,
      })
    }
    figures.push({
      key: 'backendRatio.chromium-wasm-threads',
      label: 'Chromium wasm with threads: MLP epoch time / wasm',
      value: 'error' in threads ? null : threads.epochMs / wasm.epochMs,
      unit: 'x',
      note: 'error' in threads ? `did not start: ${threads.error}` : `${threads.epochMs.toFixed(0)} ms per epoch; ${o.matmulSize}² matmul ${threads.matmulMs.toFixed(1)} ms; ${threads.threads} threads, COOP/COEP page`,
    })
    const ran = Object.entries(times).filter(([, t]) => t) as [string, { epochMs: number }][]
    const fastest = ran.reduce((a, b) => (a[1].epochMs <= b[1].epochMs ? a : b))[0]
    figures.push(
      {
        key: 'browserAutoBackendFastest',
        label: 'Chromium: automatic backend choice is the fastest',
        value: probe.auto === fastest ? 1 : 0,
        unit: 'bool',
        target: { op: '=', value: 1 },
        note: `picked ${probe.auto}, fastest ${fastest}`,
      },
      {
        key: 'browserLayout500Ms',
        label: `Chromium: load + auto-layout, ${o.layoutNodes}-node graph`,
        value: layout.loadMs + layout.layoutMs,
        unit: 'ms',
        target: { op: '<', value: 2000 },
        note: `load ${layout.loadMs.toFixed(0)} ms, ELK layout ${layout.layoutMs.toFixed(0)} ms (${layout.placed} placed); rendering not included`,
      },
      ...o.idbMB.flatMap((mb): Figure[] => {
        const suffix = mb === Math.max(...o.idbMB) ? '' : String(mb)
        return [
          { key: `browserIdbWriteMBps${suffix}`, label: `Chromium: IndexedDB cache write, ${mb} MB table`, value: idb[mb].writeMBps, unit: 'MB/s' },
          { key: `browserIdbReadMBps${suffix}`, label: `Chromium: IndexedDB cache read, ${mb} MB table`, value: idb[mb].readMBps, unit: 'MB/s' },
        ]
      }),
      ...incremental.figures,
      ...pool.figures,
    )
    return { figures, details: { buildMs, probe, times, failed, canvas, threads, layout, idb, incremental: incremental.details, pool: pool.details } }
  } finally {
    await ctx.close()
    server.close()
    isolated.server.close()
    await rm(outDir, { recursive: true, force: true })
    await rm(profile, { recursive: true, force: true })
  }
}
