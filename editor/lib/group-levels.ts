import type { GraphNode } from '../../runtime/document/schema'
import { groupPorts, portNamesOf, type PortNames } from '../../runtime/graph/group-edit'
import { docToFlow, flowToDoc } from './doc-convert'
import type { FlowEdge, FlowNode } from './flow-types'

/** One level above the one shown: the group opened from it, and that level's nodes and wires. */
export interface OpenGroup {
  id: string
  title: string
  nodes: FlowNode[]
  edges: FlowEdge[]
}

/**
 * The level `outer` with the group it opened holding `nodes`/`edges` as its inner graph. Its ports
 * follow the inner graph (an added node's free ports appear); a wire on a port that is gone is dropped.
 */
export function closeLevel(outer: OpenGroup, nodes: readonly FlowNode[], edges: readonly FlowEdge[], names: PortNames) {
  const group = outer.nodes.find((n) => n.id === outer.id)
  const inner = flowToDoc(nodes, edges, {})
  const readOutside = new Set(outer.edges.filter((e) => e.source === outer.id).map((e) => e.sourceHandle ?? ''))
  const previous = group?.data.group ?? { inputs: [], outputs: [] }
  const ports = groupPorts(inner, portNamesOf(names), readOutside, previous)
  const ins = new Set(ports.inputs.map((p) => p.name))
  const outs = new Set(ports.outputs.map((p) => p.name))
  return {
    nodes: outer.nodes.map((n) => (n.id === outer.id ? { ...n, data: { ...n.data, group: { nodes: inner.nodes, edges: inner.edges, ...ports } } } : n)),
    edges: outer.edges.filter(
      (e) => !(e.target === outer.id && !ins.has(e.targetHandle ?? '')) && !(e.source === outer.id && !outs.has(e.sourceHandle ?? '')),
    ),
  }
}

/** The top level's nodes and wires, with every open group closed over what is shown. */
export function foldPath(path: readonly OpenGroup[], nodes: FlowNode[], edges: FlowEdge[], names: PortNames) {
  let level = { nodes, edges }
  for (let i = path.length - 1; i >= 0; i--) level = closeLevel(path[i], level.nodes, level.edges, names)
  return level
}

/** Every node and wire id in use at any level (ids are unique across a whole grouped document). */
export function takenIds(path: readonly OpenGroup[], nodes: readonly FlowNode[], edges: readonly FlowEdge[]): { nodes: Set<string>; edges: Set<string> } {
  const out = { nodes: new Set<string>(), edges: new Set<string>() }
  const walk = (list: readonly GraphNode[]) => {
    for (const n of list) {
      out.nodes.add(n.id)
      if (!n.group) continue
      for (const e of n.group.edges) out.edges.add(e.id)
      walk(n.group.nodes)
    }
  }
  for (const level of [...path, { nodes, edges }]) {
    const doc = flowToDoc(level.nodes, level.edges, {})
    for (const e of doc.edges) out.edges.add(e.id)
    walk(doc.nodes)
  }
  return out
}

/** The inner graph of group node `node` as canvas nodes and wires. */
export function openLevel(node: FlowNode): { nodes: FlowNode[]; edges: FlowEdge[] } {
  return docToFlow(node.data.group ?? { nodes: [], edges: [] })
}
