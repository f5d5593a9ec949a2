import { GROUP_TYPE, type GraphEdge, type GraphNode, type GroupPort } from '../document/schema'
import { isGroup } from './groups'

/** One level of a graph: the top level, or the inside of a group. */
export interface Level {
  nodes: GraphNode[]
  edges: GraphEdge[]
}

/** A node's port names in declaration order: a registered type's from its definition, a group's from its ports. */
export type PortNames = (node: GraphNode) => { inputs: string[]; outputs: string[] } | undefined

/** Port names from node definitions (the registry, or the editor's node descriptors). */
export function definedPorts(defs: {
  get(type: string): { inputs: Readonly<Record<string, unknown>>; outputs: Readonly<Record<string, unknown>> } | undefined
}): PortNames {
  return (node) => {
    const def = defs.get(node.type)
    return def && { inputs: Object.keys(def.inputs), outputs: Object.keys(def.outputs) }
  }
}

/** The port names of any node: groups answer from their own ports, the rest from `lookup`. */
export function portNamesOf(lookup: PortNames): PortNames {
  return (node) =>
    isGroup(node)
      ? { inputs: unique(node.group.inputs.map((p) => p.name)), outputs: node.group.outputs.map((p) => p.name) }
      : lookup(node)
}

const unique = (names: string[]) => [...new Set(names)]
const endKey = (node: string, port: string) => `${node}\u0000${port}`

/**
 * The ports a group made of `inner` shows: every inner input no inner wire feeds, and every inner
 * output no inner wire reads, plus those in `keepOutputs` (read both inside and outside). Each is
 * named `<inner node id>.<port>`; labels in `previous` carry over.
 */
export function groupPorts(
  inner: Level,
  names: PortNames,
  keepOutputs: ReadonlySet<string> = new Set(),
  previous: { inputs: GroupPort[]; outputs: GroupPort[] } = { inputs: [], outputs: [] },
): { inputs: GroupPort[]; outputs: GroupPort[] } {
  const fed = new Set(inner.edges.map((e) => endKey(e.to.node, e.to.port)))
  const read = new Set(inner.edges.map((e) => endKey(e.from.node, e.from.port)))
  const labels = new Map([...previous.inputs, ...previous.outputs].filter((p) => p.label).map((p) => [endKey(p.node, p.port), p.label!]))
  const port = (node: string, name: string): GroupPort => {
    const label = labels.get(endKey(node, name))
    return { name: `${node}.${name}`, node, port: name, ...(label ? { label } : {}) }
  }
  const inputs: GroupPort[] = []
  const outputs: GroupPort[] = []
  for (const node of inner.nodes) {
    const ports = names(node)
    if (!ports) continue
    for (const p of ports.inputs) if (!fed.has(endKey(node.id, p))) inputs.push(port(node.id, p))
    for (const p of ports.outputs) {
      const name = `${node.id}.${p}`
      if (!read.has(endKey(node.id, p)) || keepOutputs.has(name)) outputs.push(port(node.id, p))
    }
  }
  return { inputs, outputs }
}

/**
 * Puts the nodes `ids` of `level` into one new group node `groupId`: wires between them move
 * inside, wires crossing the boundary attach to the group's ports (`<node>.<port>`). The group
 * sits at the centre of its nodes, which keep their positions inside it.
 */
export function groupSelection(level: Level, ids: readonly string[], groupId: string, names: PortNames, label?: string): Level {
  const chosen = new Set(ids)
  const innerNodes = level.nodes.filter((n) => chosen.has(n.id))
  if (innerNodes.length === 0) throw new Error('Select at least one node to group.')
  const inside = (e: GraphEdge) => chosen.has(e.from.node) && chosen.has(e.to.node)
  const innerEdges = level.edges.filter(inside)
  const leaving = new Set(level.edges.filter((e) => chosen.has(e.from.node) && !chosen.has(e.to.node)).map((e) => `${e.from.node}.${e.from.port}`))
  const ports = groupPorts({ nodes: innerNodes, edges: innerEdges }, portNamesOf(names), leaving)
  const group: GraphNode = {
    id: groupId,
    type: GROUP_TYPE,
    params: {},
    position: centre(innerNodes),
    ...(label ? { label } : {}),
    group: { nodes: innerNodes, edges: innerEdges, ...ports },
  }
  const first = level.nodes.findIndex((n) => chosen.has(n.id))
  const nodes = level.nodes.flatMap((n, i) => (i === first ? [group] : chosen.has(n.id) ? [] : [n]))
  const edges: GraphEdge[] = []
  for (const e of level.edges) {
    if (inside(e)) continue
    const from = chosen.has(e.from.node) ? { node: groupId, port: `${e.from.node}.${e.from.port}` } : e.from
    const to = chosen.has(e.to.node) ? { node: groupId, port: `${e.to.node}.${e.to.port}` } : e.to
    edges.push(from === e.from && to === e.to ? e : { id: e.id, from, to })
  }
  return { nodes, edges }
}

/**
 * Replaces group `groupId` of `level` by its inner nodes and wires, reconnecting the wires on
 * its ports to the inner ports they stand for. Inner nodes move with the group, so grouping and
 * ungrouping without a move in between gives back the same positions.
 */
export function ungroupNode(level: Level, groupId: string): Level {
  const at = level.nodes.findIndex((n) => n.id === groupId)
  const group = level.nodes[at]
  if (!group || !isGroup(group)) throw new Error(`No group with id "${groupId}" here.`)
  const inner = moveTo(group.group.nodes, group.position)
  const nodes = [...level.nodes.slice(0, at), ...inner, ...level.nodes.slice(at + 1)]
  const inputs = new Map<string, GroupPort[]>()
  for (const p of group.group.inputs) inputs.set(p.name, [...(inputs.get(p.name) ?? []), p])
  const outputs = new Map(group.group.outputs.map((p) => [p.name, p]))
  const edges: GraphEdge[] = []
  for (const e of level.edges) {
    const out = e.from.node === groupId ? outputs.get(e.from.port) : undefined
    const from = out ? { node: out.node, port: out.port } : e.from
    if (e.from.node === groupId && !out) continue
    if (e.to.node !== groupId) {
      edges.push(from === e.from ? e : { ...e, from })
      continue
    }
    ;(inputs.get(e.to.port) ?? []).forEach((p, k) => edges.push({ id: k ? `${e.id}~${k}` : e.id, from, to: { node: p.node, port: p.port } }))
  }
  return { nodes, edges: [...edges, ...group.group.edges] }
}

function centre(nodes: readonly GraphNode[]): { x: number; y: number } {
  const placed = nodes.filter((n) => n.position)
  if (!placed.length) return { x: 0, y: 0 }
  const sum = placed.reduce((s, n) => ({ x: s.x + n.position!.x, y: s.y + n.position!.y }), { x: 0, y: 0 })
  return { x: Math.round(sum.x / placed.length), y: Math.round(sum.y / placed.length) }
}

/** The nodes shifted so their centre lands on `to` (unchanged when the group has no position). */
function moveTo(nodes: GraphNode[], to: { x: number; y: number } | undefined): GraphNode[] {
  if (!to) return nodes
  const c = centre(nodes)
  const dx = to.x - c.x
  const dy = to.y - c.y
  if (dx === 0 && dy === 0) return nodes
  return nodes.map((n) => (n.position ? { ...n, position: { x: n.position.x + dx, y: n.position.y + dy } } : n))
}
