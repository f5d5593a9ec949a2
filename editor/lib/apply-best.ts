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

/** Writes the edits into the graph as one undo step. */
export function applyEdits(graph: GraphStore, edits: readonly ParamEdit[]) {
  const g = graph.getState()
  g.beginGesture()
  for (const e of edits) g.setParam(e.nodeId, e.param, e.value)
  g.endGesture()
}
