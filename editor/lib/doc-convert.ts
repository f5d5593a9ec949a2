import { CURRENT_VERSION, GRAPH_FORMAT, GROUP_TYPE, type GraphDocument } from '../../runtime/document/schema'
import type { FlowEdge, FlowNode } from './flow-types'

/** Document nodes and edges as canvas nodes and edges. */
export function docToFlow(doc: Pick<GraphDocument, 'nodes' | 'edges'>): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = doc.nodes.map((n) => ({
    id: n.id,
    type: n.type === GROUP_TYPE ? 'pipelineGroup' : 'pipeline',
    position: n.position ?? { x: 0, y: 0 },
    data: { nodeType: n.type, params: n.params ?? {}, ...(n.label ? { label: n.label } : {}), ...(n.group ? { group: n.group } : {}) },
  }))
  const edges: FlowEdge[] = doc.edges.map((e) => ({
    id: e.id,
    source: e.from.node,
    sourceHandle: e.from.port,
    target: e.to.node,
    targetHandle: e.to.port,
  }))
  return { nodes, edges }
}

/** The canvas state as a graph document (what Save writes and the engine runs). */
export function flowToDoc(nodes: readonly FlowNode[], edges: readonly FlowEdge[], meta: GraphDocument['meta']): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.nodeType,
      params: n.data.params,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.data.label ? { label: n.data.label } : {}),
      ...(n.data.group ? { group: n.data.group } : {}),
    })),
    edges: edges.map((e) => ({
      id: e.id,
      from: { node: e.source, port: e.sourceHandle ?? '' },
      to: { node: e.target, port: e.targetHandle ?? '' },
    })),
    meta,
  }
}

/** True when no node of the document has a position (it needs an auto-layout). */
export function lacksPositions(doc: GraphDocument): boolean {
  return doc.nodes.length > 0 && doc.nodes.every((n) => !n.position)
}

/** A fresh id with `prefix` not used by any of `taken`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  let i = used.size + 1
  while (used.has(`${prefix}${i}`)) i++
  return `${prefix}${i}`
}
