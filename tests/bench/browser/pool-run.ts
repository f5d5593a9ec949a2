import type { GraphDocument } from '../../../runtime/document/schema'
import { createEngine, runInWorker, type EngineClient } from '../../../runtime/worker/engine-client'

let engine: Promise<EngineClient> | undefined

/**
 * One cold run of `doc` in the app's execution worker (wasm) with `workers` workers, started
 * (and awaited) before the clock starts, over an emptied IndexedDB cache: wall time as the
 * page sees it, and where each node ran.
 */
export async function poolRun(doc: GraphDocument, workers: number) {
  engine ??= createEngine().then(async (e) => {
    await e.init({ backend: 'wasm' })
    return e
  })
  const e = await engine
  await e.setWorkers(workers)
  await e.clearCache()
  const t0 = performance.now()
  const report = await runInWorker(e, { doc, scope: 'bench-pool' }, () => undefined)
  const wallMs = performance.now() - t0
  const nodes = Object.entries(report.nodes)
  return {
    wallMs,
    ran: report.ran,
    errors: nodes.flatMap(([id, n]) => (n.error ? [`${id}: ${n.error}`] : [])),
    onWorkers: nodes.filter(([, n]) => n.worker !== undefined).map(([id]) => id),
    nodeMs: Object.fromEntries(nodes.map(([id, n]) => [id, Math.round(n.ms ?? 0)])),
    summaries: JSON.stringify(nodes.map(([id, n]) => [id, n.status, n.summary])),
  }
}
