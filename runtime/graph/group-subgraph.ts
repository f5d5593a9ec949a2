import type { GraphDocument, GraphEdge, GraphNode } from '../document/schema'
import { findNode, flattenLevel, isGroup, type Endpoint } from './groups'

/** A group's ports as the outside sees them, each resolved to the flat inner endpoints. */
export interface GroupInterface {
  id: string
  inputs: { name: string; label?: string; targets: Endpoint[] }[]
  outputs: { name: string; label?: string; source: Endpoint }[]
}

/** The ports of the group `groupId` (at any depth), or undefined when there is no such group. */
export function groupInterface(doc: Pick<GraphDocument, 'nodes' | 'edges'>, groupId: string): GroupInterface | undefined {
  const found = findNode(doc, groupId)
  if (!found || !isGroup(found.node)) return undefined
  const ports = flattenLevel([found.node], []).groups.get(groupId)!
  const labels = (list: { name: string; label?: string }[]) => new Map(list.filter((p) => p.label).map((p) => [p.name, p.label!]))
  const inLabels = labels(found.node.group.inputs)
  const outLabels = labels(found.node.group.outputs)
  return {
    id: groupId,
    inputs: [...ports.inputs].map(([name, targets]) => ({ name, ...optionalLabel(inLabels.get(name)), targets })),
    outputs: [...ports.outputs].map(([name, source]) => ({ name, ...optionalLabel(outLabels.get(name)), source })),
  }
}

const optionalLabel = (label: string | undefined) => (label ? { label } : {})

/** What the caller wires into a group's inputs: extra nodes, and input name → the endpoint feeding it. */
export interface GroupFeeds {
  nodes?: GraphNode[]
  edges?: GraphEdge[]
  wires?: ReadonlyMap<string, Endpoint>
}

/**
 * The inner graph of group `groupId` as a runnable, flat document of its own: the group's inner
 * nodes (nested groups flattened, ids unchanged) plus `feeds.nodes`, with each input named in
 * `feeds.wires` wired from that endpoint. Unfed inputs stay unconnected (as they are in the
 * group). `outputs` says which flat endpoint produces each of the group's outputs. Inner nodes
 * keep their cache keys whenever the fed values have the keys the original wires had.
 */
export function groupSubgraph(
  doc: GraphDocument,
  groupId: string,
  feeds: GroupFeeds = {},
): { doc: GraphDocument; outputs: Map<string, Endpoint> } {
  const found = findNode(doc, groupId)
  if (!found || !isGroup(found.node)) throw new Error(`No group with id "${groupId}".`)
  // Flattening a level holding only the group resolves its ports through any groups nested in it.
  const flat = flattenLevel([found.node], [])
  const ports = flat.groups.get(groupId)!
  const nodes = [...(feeds.nodes ?? []), ...flat.nodes]
  const edges = [...flat.edges, ...(feeds.edges ?? [])]
  for (const [name, from] of feeds.wires ?? new Map<string, Endpoint>()) {
    const targets = ports.inputs.get(name)
    if (!targets) {
      const known = [...ports.inputs.keys()].join(', ') || 'none'
      throw new Error(`Group "${groupId}" has no input "${name}"; its inputs are: ${known}.`)
    }
    targets.forEach((to, k) => edges.push({ id: `feed:${name}:${k}`, from, to }))
  }
  return { doc: { ...doc, nodes, edges }, outputs: ports.outputs }
}
