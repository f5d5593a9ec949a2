import type { GraphEdge, GraphGroup, GraphNode, GroupPort } from '../../runtime/document/schema'
import type { FlowEdge, FlowNode } from './flow-types'
import { paramSchemas, type DescriptorMap } from './flow-types'

/** A param that names another node: a node id (`node`) or a search space whose dimensions do (`space`). */
export interface NodeRef {
  name: string
  kind: 'node' | 'space'
}

/** The params of a node type that name other nodes, from the UI hints of its params (runtime/values/params.ts). */
export function nodeRefParams(descriptors: DescriptorMap): (nodeType: string) => NodeRef[] {
  return (nodeType) =>
    Object.entries(paramSchemas(descriptors.get(nodeType))).flatMap(([name, s]): NodeRef[] =>
      s.ui === 'search-space' ? [{ name, kind: 'space' }] : s.ui === 'upstream-node' ? [{ name, kind: 'node' }] : [],
    )
}

/** Hands out ids no level of the document uses yet. */
class IdPool {
  private used: Set<string>
  constructor(taken: Iterable<string>) {
    this.used = new Set(taken)
  }
  /** `prefix` + the first free number from the count of ids in use (as `freshId` does). */
  numbered(prefix: string): string {
    let i = this.used.size + 1
    while (this.used.has(`${prefix}${i}`)) i++
    return this.take(`${prefix}${i}`)
  }
  /** `id` itself when free, else `id-2`, `id-3`, …: a copied inner node stays recognisable. */
  near(id: string): string {
    if (!this.used.has(id)) return this.take(id)
    let k = 2
    while (this.used.has(`${id}-${k}`)) k++
    return this.take(`${id}-${k}`)
  }
  private take(id: string): string {
    this.used.add(id)
    return id
  }
}

interface Renaming {
  nodes: Map<string, string>
  nodePool: IdPool
  edgePool: IdPool
  refs: (nodeType: string) => NodeRef[]
}

/** The port names a renamed group answers to: old name → new name (only those that changed). */
type PortRenames = Map<string, Map<string, string>>

const endpoint = (r: Renaming, ports: PortRenames, e: { node: string; port: string }) => ({
  node: r.nodes.get(e.node) ?? e.node,
  port: ports.get(e.node)?.get(e.port) ?? e.port,
})

/** Params with node references to renamed nodes updated (search dimensions, early-stopping node). */
function renameRefs(r: Renaming, nodeType: string, params: Record<string, unknown>): Record<string, unknown> {
  let out = params
  for (const ref of r.refs(nodeType)) {
    if (!Object.hasOwn(params, ref.name)) continue
    const v = params[ref.name]
    let next: unknown = v
    if (ref.kind === 'node' && typeof v === 'string') next = r.nodes.get(v) ?? v
    if (ref.kind === 'space' && Array.isArray(v)) {
      next = v.map((d) => (d && typeof d === 'object' && typeof d.node === 'string' && r.nodes.has(d.node) ? { ...d, node: r.nodes.get(d.node) } : d))
    }
    if (next !== v) out = { ...out, [ref.name]: next }
  }
  return out
}

/** Gives every node inside `group` (at any depth) a new id from the pool; the pasted level's ids come first. */
function claimInner(r: Renaming, group: GraphGroup): void {
  for (const n of group.nodes) r.nodes.set(n.id, r.nodePool.near(n.id))
  for (const n of group.nodes) if (n.group) claimInner(r, n.group)
}

/** A group's inner graph with renamed ids; `ports` gets the group's own port renames. */
function renameGroup(r: Renaming, group: GraphGroup, ports: Map<string, string>): GraphGroup {
  const inner: PortRenames = new Map()
  const nodes = group.nodes.map((n) => renameNode(r, n, inner))
  const edges: GraphEdge[] = group.edges.map((e) => ({ id: r.edgePool.near(e.id), from: endpoint(r, inner, e.from), to: endpoint(r, inner, e.to) }))
  const port = (p: GroupPort): GroupPort => {
    const to = endpoint(r, inner, p)
    // Default names follow their inner endpoint; a name the user chose stays.
    const name = p.name === `${p.node}.${p.port}` ? `${to.node}.${to.port}` : p.name
    if (name !== p.name && !ports.has(p.name)) ports.set(p.name, name)
    return { ...p, name, node: to.node, port: to.port }
  }
  return { nodes, edges, inputs: group.inputs.map(port), outputs: group.outputs.map(port) }
}

function renameNode(r: Renaming, n: GraphNode, ports: PortRenames): GraphNode {
  const id = r.nodes.get(n.id) ?? n.id
  if (!n.group) return { ...n, id, params: renameRefs(r, n.type, n.params) }
  const mine = new Map<string, string>()
  ports.set(n.id, mine)
  return { ...n, id, group: renameGroup(r, n.group, mine) }
}

/**
 * Copies of `nodes` and the wires among them with ids no level of the document uses (`taken`):
 * pasted nodes get numbered ids as any new node; nodes inside a pasted group keep theirs when
 * free, else a suffix (`train-2`). Wires, group ports named `<inner node>.<port>` and params
 * that name a copied node (a search space's dimensions) follow the new ids. Wires to a node
 * outside the copy are dropped.
 */
export function freshCopies(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  taken: { nodes: Iterable<string>; edges: Iterable<string> },
  refs: (nodeType: string) => NodeRef[] = () => [],
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const r: Renaming = { nodes: new Map(), nodePool: new IdPool(taken.nodes), edgePool: new IdPool(taken.edges), refs }
  for (const n of nodes) r.nodes.set(n.id, r.nodePool.numbered('n'))
  for (const n of nodes) if (n.data.group) claimInner(r, n.data.group)
  const ports: PortRenames = new Map()
  const copies = nodes.map((n): FlowNode => {
    const doc = renameNode(r, { id: n.id, type: n.data.nodeType, params: n.data.params, ...(n.data.group ? { group: n.data.group } : {}) }, ports)
    return { ...n, id: doc.id, data: { ...structuredClone(n.data), params: structuredClone(doc.params), ...(doc.group ? { group: structuredClone(doc.group) } : {}) } }
  })
  const wires: FlowEdge[] = []
  for (const e of edges) {
    if (!r.nodes.has(e.source) || !r.nodes.has(e.target)) continue
    const from = endpoint(r, ports, { node: e.source, port: e.sourceHandle ?? '' })
    const to = endpoint(r, ports, { node: e.target, port: e.targetHandle ?? '' })
    wires.push({ ...e, id: r.edgePool.numbered('e'), source: from.node, sourceHandle: from.port, target: to.node, targetHandle: to.port })
  }
  return { nodes: copies, edges: wires }
}
