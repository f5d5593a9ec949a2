import { GROUP_TYPE, type GraphDocument, type GraphEdge, type GraphGroup, type GraphNode } from '../document/schema'

/** How many groups may nest inside each other (a group in a group in …). */
export const MAX_GROUP_DEPTH = 8

/** One end of a wire: a node id and one of its ports. */
export interface Endpoint {
  node: string
  port: string
}

export const isGroup = (node: GraphNode): node is GraphNode & { group: GraphGroup } =>
  node.type === GROUP_TYPE && node.group !== undefined

/** True when any top-level node is a group (nested ones sit inside those). */
export const hasGroups = (doc: Pick<GraphDocument, 'nodes'>): boolean => doc.nodes.some(isGroup)

/** A group's ports resolved to the flat endpoints they stand for (through nested groups). */
export interface ResolvedPorts {
  /** input name → the inner endpoints one outer wire feeds (several when inputs share a name). */
  inputs: Map<string, Endpoint[]>
  /** output name → the inner endpoint that produces it. */
  outputs: Map<string, Endpoint>
}

/** A grouped document's nodes and edges with every group replaced by its inner nodes. */
export interface Flattened {
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** The document path each flat node / edge came from (`nodes[2].group.nodes[0]`), by index. */
  nodePaths: string[]
  edgePaths: string[]
  /** group id → its resolved ports, for every group at any depth. */
  groups: Map<string, ResolvedPorts>
  /** Outer wires to a port the group does not have: dropped from the flat graph, reported. */
  unknownPorts: { path: string; edge: GraphEdge; group: string; port: string; dir: 'input' | 'output' }[]
}

/**
 * Replaces every group by its inner nodes and rewires the wires to and from its ports onto the
 * inner ports they stand for. Ids stay as they are (they are unique across levels), so a run of
 * the flat graph reports the same nodes, and cache keys, which never contain ids, do not change.
 */
export function flattenGroups(doc: GraphDocument): GraphDocument {
  if (!hasGroups(doc)) return doc
  const flat = flattenLevel(doc.nodes, doc.edges)
  return { ...doc, nodes: flat.nodes, edges: flat.edges }
}

/** flattenGroups with the bookkeeping validation needs (original paths, ports, dropped wires). */
export function flattenLevel(nodes: readonly GraphNode[], edges: readonly GraphEdge[], at = '', depth = 0): Flattened {
  const out: Flattened = { nodes: [], edges: [], nodePaths: [], edgePaths: [], groups: new Map(), unknownPorts: [] }
  const here = new Map<string, ResolvedPorts>()
  nodes.forEach((node, i) => {
    const path = `${at}nodes[${i}]`
    if (!isGroup(node) || depth >= MAX_GROUP_DEPTH) {
      out.nodes.push(node)
      out.nodePaths.push(path)
      return
    }
    const inner = flattenLevel(node.group.nodes, node.group.edges, `${path}.group.`, depth + 1)
    append(out, inner)
    const ports = resolvePorts(node.group, inner.groups)
    here.set(node.id, ports)
    out.groups.set(node.id, ports)
  })
  edges.forEach((edge, i) => {
    const path = `${at}edges[${i}]`
    const fromGroup = here.get(edge.from.node)
    const toGroup = here.get(edge.to.node)
    const from = fromGroup ? fromGroup.outputs.get(edge.from.port) : edge.from
    const tos = toGroup ? toGroup.inputs.get(edge.to.port) : [edge.to]
    if (!from) out.unknownPorts.push({ path: `${path}.from.port`, edge, group: edge.from.node, port: edge.from.port, dir: 'output' })
    if (!tos) out.unknownPorts.push({ path: `${path}.to.port`, edge, group: edge.to.node, port: edge.to.port, dir: 'input' })
    if (!from || !tos) return
    tos.forEach((to, k) => {
      const same = from === edge.from && to === edge.to
      out.edges.push(same ? edge : { id: k === 0 ? edge.id : `${edge.id}~${k}`, from, to })
      out.edgePaths.push(path)
    })
  })
  return out
}

function append(into: Flattened, from: Flattened): void {
  // One at a time: a spread of a big array overflows the stack.
  for (let i = 0; i < from.nodes.length; i++) {
    into.nodes.push(from.nodes[i])
    into.nodePaths.push(from.nodePaths[i])
  }
  for (let i = 0; i < from.edges.length; i++) {
    into.edges.push(from.edges[i])
    into.edgePaths.push(from.edgePaths[i])
  }
  from.groups.forEach((ports, id) => into.groups.set(id, ports))
  for (const u of from.unknownPorts) into.unknownPorts.push(u)
}

/** A group's declared ports, followed through any nested group they name. */
function resolvePorts(group: GraphGroup, nested: ReadonlyMap<string, ResolvedPorts>): ResolvedPorts {
  const inputs = new Map<string, Endpoint[]>()
  for (const p of group.inputs) {
    const through = nested.get(p.node)
    const ends = through ? (through.inputs.get(p.port) ?? []) : [{ node: p.node, port: p.port }]
    inputs.set(p.name, [...(inputs.get(p.name) ?? []), ...ends])
  }
  const outputs = new Map<string, Endpoint>()
  for (const p of group.outputs) {
    if (outputs.has(p.name)) continue
    const through = nested.get(p.node)
    const end = through ? through.outputs.get(p.port) : { node: p.node, port: p.port }
    if (end) outputs.set(p.name, end)
  }
  return { inputs, outputs }
}

/** Where a node sits: the node, the chain of group ids around it (outermost first), its level. */
export interface Located {
  node: GraphNode
  parents: string[]
  level: { nodes: GraphNode[]; edges: GraphEdge[] }
}

/** Finds the node `id` at any depth (a group or an inner node), or undefined. */
export function findNode(doc: Pick<GraphDocument, 'nodes' | 'edges'>, id: string): Located | undefined {
  const stack: { level: { nodes: GraphNode[]; edges: GraphEdge[] }; parents: string[] }[] = [{ level: doc, parents: [] }]
  while (stack.length) {
    const { level, parents } = stack.pop()!
    for (const node of level.nodes) {
      if (node.id === id) return { node, parents, level }
      if (isGroup(node) && parents.length < MAX_GROUP_DEPTH) stack.push({ level: node.group, parents: [...parents, node.id] })
    }
  }
  return undefined
}

/** `ids` with every group among them replaced by the nodes inside it (at any depth). */
export function innerIds(doc: Pick<GraphDocument, 'nodes' | 'edges'>, ids: readonly string[]): string[] {
  const out: string[] = []
  for (const id of ids) {
    const found = findNode(doc, id)
    if (!found || !isGroup(found.node)) {
      out.push(id)
      continue
    }
    for (const node of flattenLevel([found.node], []).nodes) out.push(node.id)
  }
  return out
}
