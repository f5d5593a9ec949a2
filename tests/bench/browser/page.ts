/**
 * The browser half of the bench, built by Vite into a temporary folder and driven by
 * tests/bench/parts/browser.ts through `window.bench`. Runs on the page's main thread: the
 * figures are about backends and IndexedDB, not about worker messaging; except `poolRun`, which
 * goes through the app's execution worker and its pool.
 */
import * as tf from '@tensorflow/tfjs-core'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import { layoutGraph } from '../../../editor/layout/layout-graph'
import type { FlowEdge, FlowNode } from '../../../editor/lib/flow-types'
import { createRegistry } from '../../../nodes'
import type { BackendName } from '../../../runtime/backend/choose-backend'
import { probeBrowser, setupBrowserBackend } from '../../../runtime/backend/setup-browser'
import { IdbStore } from '../../../runtime/cache/idb-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { loadDocument } from '../../../runtime/document/load'
import type { GraphDocument } from '../../../runtime/document/schema'
import { runGraph } from '../../../runtime/exec/executor'
import { hashString } from '../../../runtime/keys/hash'
import { describeNode } from '../../../runtime/registry'
import { best, median } from '../lib/stats'
import { numericTable } from '../parts/table'
import { matmulMs, mlpEpoch } from '../parts/tf-work'
import { poolRun } from './pool-run'
import { webgpuCanvasKeepsDevice } from './webgpu-canvas'

/** Epochs are repeated until this is spent (after the first): one epoch on SwiftShader's WebGPU takes seconds. */
const EPOCH_BUDGET_MS = 6_000

/** Best of up to `repeats` epochs of `rows`, within EPOCH_BUDGET_MS. */
async function bestEpoch(rows: number, repeats: number) {
  const ep: number[] = []
  const t0 = performance.now()
  while (ep.length < repeats && (ep.length === 0 || performance.now() - t0 < EPOCH_BUDGET_MS)) ep.push(await mlpEpoch(rows))
  return { epochMs: best(ep), epochs: ep.length }
}

const bench = {
  poolRun,
  webgpuCanvas: webgpuCanvasKeepsDevice,

  async probe() {
    const p = await probeBrowser()
    const auto = await setupBrowserBackend()
    return { probe: p, auto: auto.backend, crossOriginIsolated }
  },

  /** One epoch of the bench MLP and a matmul chain on a forced backend; null when it cannot start. */
  async backend(name: BackendName, rows: number, matmulSize: number, repeats: number) {
    const { backend, failed } = await setupBrowserBackend(name)
    if (backend !== name) return { error: failed.join('; ') || `started ${backend} instead` }
    await matmulMs(64)
    // A whole epoch first: the last short batch and the probe's chunks have shapes of their own,
    // whose shaders SwiftShader's WebGPU compiles for seconds (its first epoch took 3–4× the next).
    await mlpEpoch(rows)
    const mm = await matmulMs(matmulSize)
    return { matmulMs: mm, ...(await bestEpoch(rows, repeats)) }
  },

  /**
   * The wasm backend with threads, which the app leaves off (PITFALLS.md): needs a
   * cross-origin isolated page, and must be the first backend the page starts.
   */
  async wasmThreads(rows: number, matmulSize: number, repeats: number) {
    if (!crossOriginIsolated) return { error: 'the page is not cross-origin isolated' }
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true)
    await import('@tensorflow/tfjs-backend-wasm')
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    })
    if (!(await tf.setBackend('wasm'))) return { error: 'threaded wasm failed to initialise' }
    await matmulMs(64)
    await mlpEpoch(Math.min(rows, 128))
    const mm = await matmulMs(matmulSize)
    return { matmulMs: mm, ...(await bestEpoch(rows, repeats)), threads: navigator.hardwareConcurrency }
  },

  /**
   * Opening a big graph as the editor does: load (parse, schema, validation) then the ELK
   * auto-layout it runs on a document without positions. Rendering is not included.
   */
  async loadAndLayout(text: string) {
    const registry = createRegistry()
    const t0 = performance.now()
    const loaded = loadDocument(text, registry)
    const t1 = performance.now()
    if (!loaded.ok || loaded.diagnostics.length) throw new Error(`the layout graph does not load: ${loaded.diagnostics[0]?.message}`)
    const nodes = loaded.doc.nodes.map((n) => ({ id: n.id, type: 'pipeline', position: { x: 0, y: 0 }, data: { nodeType: n.type } })) as unknown as FlowNode[]
    const edges: FlowEdge[] = loaded.doc.edges.map((e) => ({ id: e.id, source: e.from.node, sourceHandle: e.from.port, target: e.to.node, targetHandle: e.to.port }))
    const positions = await layoutGraph(nodes, edges, new Map(registry.list().map((d) => [d.type, describeNode(d)])))
    return { loadMs: t1 - t0, layoutMs: performance.now() - t1, placed: positions.size }
  },

  /** NodeCache over IndexedDB: put, then get from a fresh NodeCache (empty memory tier). */
  async idb(mb: number, repeats: number) {
    const store = new IdbStore('mlcanvas-bench-io')
    await store.clear()
    const value = { data: numericTable(mb) }
    const writes: number[] = []
    const reads: number[] = []
    for (let r = 0; r < repeats; r++) {
      const key = hashString(`idb-${mb}-${r}-${Date.now()}`)
      let t0 = performance.now()
      await new NodeCache({ store }).put(key, value, { summary: {}, ms: 0 })
      writes.push(performance.now() - t0)
      t0 = performance.now()
      const hit = await new NodeCache({ store }).get(key)
      reads.push(performance.now() - t0)
      if (hit.status !== 'hit') throw new Error(`IndexedDB read of the ${mb} MB table missed`)
      await store.delete(key)
    }
    store.close()
    return { writeMBps: mb / (median(writes) / 1000), readMBps: mb / (median(reads) / 1000), writes, reads }
  },

  /**
   * 'cold': empty IndexedDB cache, a full run, then a run after a leaf edit (same NodeCache).
   * 'reload': after a page reload, the unchanged graph again over the same IndexedDB.
   */
  async incremental(phase: 'cold' | 'reload', doc: GraphDocument, edited: GraphDocument) {
    const registry = createRegistry()
    const { backend } = await setupBrowserBackend('wasm')
    const store = new IdbStore('mlcanvas-bench-runs')
    if (phase === 'cold') await store.clear()
    const cache = new NodeCache({ store })
    const tensors = tf.memory().numTensors
    const first = await runGraph({ doc, registry, cache, backend })
    const summary = (r: typeof first) => ({ ms: r.ms, ran: r.ran, cached: r.cached, errors: Object.values(r.nodes).filter((n) => n.error).map((n) => n.error) })
    if (phase === 'reload') {
      store.close()
      return { run: summary(first) }
    }
    const edit = await runGraph({ doc: edited, registry, cache, backend })
    store.close()
    return { run: summary(first), edit: summary(edit), tensorsLeaked: tf.memory().numTensors - tensors }
  },
}

;(window as unknown as { bench: typeof bench }).bench = bench
document.title = 'bench ready'
