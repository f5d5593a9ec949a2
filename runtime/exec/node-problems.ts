import type { GraphDocument } from '../document/schema'
import type { Diagnostic } from '../validate/diagnostics'

/** Groups error diagnostics by the node they stop from running (an edge's problem stops its target). */
export function nodeProblems(diagnostics: readonly Diagnostic[], doc: GraphDocument): Map<string, string[]> {
  const edgeTarget = new Map(doc.edges.map((e) => [e.id, e.to.node]))
  const out = new Map<string, string[]>()
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue
    const nodeId = d.nodeId ?? (d.edgeId ? edgeTarget.get(d.edgeId) : undefined)
    if (!nodeId) continue
    // A param problem names its path (`nodes[0].params.offset: ...`) so the field can be found.
    const text = d.code === 'invalid-param' ? `${d.path}: ${d.message}` : d.message
    out.set(nodeId, [...(out.get(nodeId) ?? []), text])
  }
  return out
}
