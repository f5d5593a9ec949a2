import type { GraphStore } from '../store/graph-store'

/** One param edit of "Apply best". */
export interface ParamEdit {
  nodeId: string
  param: string
  value: unknown
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The edits "Apply best" makes: a search node's summary carries `bestParams` (node id → params
 * to merge, see nodes/select/search.ts); edits for nodes the graph no longer has are left out.
 * The summary comes from a run of a shared graph, so it is read as untrusted JSON.
 */
export function bestParamEdits(summary: unknown, hasNode: (id: string) => boolean): ParamEdit[] {
  if (!isRecord(summary) || !Object.hasOwn(summary, 'bestParams') || !isRecord(summary.bestParams)) return []
  const edits: ParamEdit[] = []
  for (const [nodeId, params] of Object.entries(summary.bestParams)) {
    if (!hasNode(nodeId) || !isRecord(params)) continue
    for (const [param, value] of Object.entries(params)) edits.push({ nodeId, param, value })
  }
  return edits
}

/** Writes the edits into their nodes, at any group depth, as one undo step. */
export function applyEdits(graph: GraphStore, edits: readonly ParamEdit[]) {
  const byNode = new Map<string, Record<string, unknown>>()
  for (const e of edits) {
    // No prototype: a param named `__proto__` (the summary is untrusted) stays a plain key.
    const params: Record<string, unknown> = byNode.get(e.nodeId) ?? Object.create(null)
    params[e.param] = e.value
    byNode.set(e.nodeId, params)
  }
  graph.getState().setParams(byNode)
}

/** One value "Apply best" changes: a param, or a field of a list param (`layers.0.units`). */
export interface BestChange {
  nodeId: string
  path: string
  from: unknown
  to: unknown
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null

/** The leaves where `to` differs from `from`, as dotted paths under `path`. */
function leafChanges(path: string, from: unknown, to: unknown, out: { path: string; from: unknown; to: unknown }[]) {
  if (isObject(from) && isObject(to) && Array.isArray(from) === Array.isArray(to)) {
    const keys = new Set([...Object.keys(from), ...Object.keys(to)])
    for (const k of keys) {
      const get = (o: object) => (Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined)
      leafChanges(`${path}.${k}`, get(from), get(to), out)
    }
  } else if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ path, from, to })
}

/**
 * What the edits change, field by field, against each node's current value (`current` gives it,
 * defaults filled in): "layers" that differ in one unit read as `layers.0.units: 16 → 28`.
 */
export function bestChanges(edits: readonly ParamEdit[], current: (nodeId: string, param: string) => unknown): BestChange[] {
  const out: BestChange[] = []
  for (const e of edits) {
    const leaves: { path: string; from: unknown; to: unknown }[] = []
    leafChanges(e.param, current(e.nodeId, e.param), e.value, leaves)
    for (const l of leaves) out.push({ nodeId: e.nodeId, ...l })
  }
  return out
}
