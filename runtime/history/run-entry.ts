import type { GraphDocument } from '../document/schema'
import type { RunEvent, RunReport } from '../exec/events'
import { flattenGroups } from '../graph/groups'
import { canonicalJson } from '../keys/canonical'
import { hashString } from '../keys/hash'

/** One finished run, as the run history keeps it (a file per run in the CLI, a row in the browser). */
export interface RunEntry {
  /** Sortable by time: base-36 milliseconds, then a random tail. */
  id: string
  /** ISO time the run ended. */
  at: string
  /** The graph's identity (a file path, an editor tab): "changed" compares with the last run of the same scope. */
  scope: string
  title: string
  /** Hash of what computes (node types, params, wires); positions, labels and groups do not change it. */
  graphHash: string
  backend: string
  ms: number
  ran: number
  cached: number
  failed: number
  /** node id → its params as run. */
  params: Record<string, Record<string, unknown>>
  /** `node.param` that differ from the previous run of this scope (empty for the first). */
  changed: string[]
  /** node id → its numeric results (accuracy, r2, final loss …). */
  metrics: Record<string, Record<string, number>>
  /** node id → a result that is a list of numbers (a loss curve). */
  curves: Record<string, Record<string, number[]>>
  /** The document that ran, so the run can be restored. */
  doc: GraphDocument
}

/** Runs a history keeps (a cache directory's, the editor's); adding one drops the oldest beyond it. */
export const KEEP_RUNS = 200

/** A fresh run id: time-ordered, so names sort newest last. */
export function newRunId(now: number, random: () => number = Math.random): string {
  return `${now.toString(36).padStart(9, '0')}-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`
}

/** Hash of what a graph computes: ids, types, params and wires of its flat form; no positions or labels. */
export function graphHash(doc: GraphDocument): string {
  const flat = flattenGroups(doc)
  const nodes = flat.nodes.map((n) => ({ id: n.id, type: n.type, params: n.params })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const edges = flat.edges.map((e) => `${e.from.node}.${e.from.port}>${e.to.node}.${e.to.port}`).sort()
  return hashString(canonicalJson({ nodes, edges }))
}

/** Builds the history entry of a run of `doc` that produced `report`; `previous` is the scope's last run. */
export function runEntry(
  doc: GraphDocument,
  report: RunReport,
  scope: string,
  previous: RunEntry | undefined,
  live: CurveCollector = new CurveCollector(),
  now = Date.now(),
): RunEntry {
  const params = new Map<string, Record<string, unknown>>()
  for (const n of flattenGroups(doc).nodes) params.set(n.id, n.params)
  const metrics = new Map<string, Record<string, number>>()
  const curves = new Map<string, Record<string, number[]>>()
  for (const [id, node] of Object.entries(report.nodes)) {
    const found = numbersOf(node.summary)
    if (Object.keys(found.scalars).length) metrics.set(id, found.scalars)
    if (Object.keys(found.lists).length) curves.set(id, found.lists)
    const drawn = live.get(id)
    // A cached node streamed no curve this time; the scope's previous run drew the same result's.
    const kept = node.status === 'cached' && previous && Object.hasOwn(previous.curves, id) ? previous.curves[id] : undefined
    if (drawn ?? kept) curves.set(id, { ...(curves.get(id) ?? {}), ...(drawn ?? kept) })
  }
  const statuses = Object.values(report.nodes).map((n) => n.status)
  return {
    id: newRunId(now),
    at: new Date(now).toISOString(),
    scope,
    title: doc.meta.title ?? '',
    graphHash: graphHash(doc),
    backend: report.backend,
    ms: Math.round(report.ms),
    ran: report.ran,
    cached: report.cached,
    failed: statuses.filter((s) => s === 'error' || s === 'blocked').length,
    params: Object.fromEntries(params),
    changed: previous ? paramDiff(previous.params, Object.fromEntries(params)).map((d) => `${d.node}.${d.param}`) : [],
    metrics: Object.fromEntries(metrics),
    curves: Object.fromEntries(curves),
    doc,
  }
}

/** Numbers in a node's summary: scalars, and lists of numbers (curves). */
function numbersOf(summary: Record<string, unknown> | undefined) {
  const scalars: Record<string, number> = {}
  const lists: Record<string, number[]> = {}
  for (const [k, v] of Object.entries(summary ?? {})) {
    if (typeof v === 'number' && Number.isFinite(v)) scalars[k] = v
    else if (Array.isArray(v) && v.length > 1 && v.every((x) => typeof x === 'number')) lists[k] = v as number[]
  }
  return { scalars, lists }
}

export interface ParamChange {
  node: string
  param: string
  a: unknown
  b: unknown
}

/** Params that differ between two runs, node by node (a node in one run only shows all its params). */
export function paramDiff(a: RunEntry['params'], b: RunEntry['params']): ParamChange[] {
  const out: ParamChange[] = []
  const nodes = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  for (const node of nodes) {
    const pa = Object.hasOwn(a, node) ? a[node] : {}
    const pb = Object.hasOwn(b, node) ? b[node] : {}
    for (const param of [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort()) {
      const va = Object.hasOwn(pa, param) ? pa[param] : undefined
      const vb = Object.hasOwn(pb, param) ? pb[param] : undefined
      if (canonicalJson(va ?? null) !== canonicalJson(vb ?? null)) out.push({ node, param, a: va, b: vb })
    }
  }
  return out
}

/** Every numeric result of either run, side by side. */
export function metricTable(a: RunEntry, b: RunEntry): { node: string; metric: string; a?: number; b?: number }[] {
  const out: { node: string; metric: string; a?: number; b?: number }[] = []
  const nodes = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort()
  for (const node of nodes) {
    const ma = Object.hasOwn(a.metrics, node) ? a.metrics[node] : {}
    const mb = Object.hasOwn(b.metrics, node) ? b.metrics[node] : {}
    for (const metric of [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort()) {
      out.push({ node, metric, ...(Object.hasOwn(ma, metric) ? { a: ma[metric] } : {}), ...(Object.hasOwn(mb, metric) ? { b: mb[metric] } : {}) })
    }
  }
  return out
}

/** Where run entries are kept: a directory (CLI) or IndexedDB (browser). */
export interface RunHistory {
  add(entry: RunEntry): Promise<void>
  /** Every readable run, newest first. */
  list(): Promise<RunEntry[]>
}

/** The run with this id, or the only one whose id starts with it; a sentence when none or several. */
export function findRun(runs: readonly RunEntry[], ref: string): RunEntry | string {
  const exact = runs.find((r) => r.id === ref)
  if (exact) return exact
  const matches = runs.filter((r) => r.id.startsWith(ref))
  if (matches.length === 1) return matches[0]
  return matches.length ? `"${ref}" matches ${matches.length} runs; give more of the id.` : `No run with id "${ref}".`
}

/** Training curves streamed by a run's progress events (`epoch` with `loss`, maybe `valLoss`), per node. */
export class CurveCollector {
  private readonly curves = new Map<string, Record<string, number[]>>()

  readonly add = (e: RunEvent): void => {
    if (e.type === 'running') this.curves.delete(e.nodeId)
    if (e.type !== 'progress' || typeof e.data?.epoch !== 'number' || typeof e.data.loss !== 'number') return
    const curve = this.curves.get(e.nodeId) ?? {}
    for (const name of ['loss', 'valLoss']) {
      const v = e.data[name]
      if (typeof v === 'number' && Number.isFinite(v)) (curve[name] ??= []).push(v)
    }
    this.curves.set(e.nodeId, curve)
  }

  get(nodeId: string): Record<string, number[]> | undefined {
    return this.curves.get(nodeId)
  }
}
