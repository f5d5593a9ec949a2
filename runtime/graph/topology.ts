import type { GraphDocument, GraphEdge, GraphNode } from '../document/schema'

/** Lookups over a document's wiring, built once per document. */
export interface Topology {
  ids: string[]
  /** node id → node (the first one when ids repeat, which validation reports). */
  nodes: Map<string, GraphNode>
  /** node id → input port → the edge feeding it (first one when several). */
  inputs: Map<string, Map<string, GraphEdge>>
  /** node id → ids of nodes it feeds (deduplicated). */
  children: Map<string, string[]>
  /** node id → ids of nodes feeding it (deduplicated). */
  parents: Map<string, string[]>
}

export function buildTopology(doc: Pick<GraphDocument, 'nodes' | 'edges'>): Topology {
  const ids = doc.nodes.map((n) => n.id)
  const nodes = new Map<string, GraphNode>()
  const inputs = new Map<string, Map<string, GraphEdge>>()
  const children = new Map<string, string[]>()
  const parents = new Map<string, string[]>()
  for (const node of doc.nodes) {
    if (nodes.has(node.id)) continue
    nodes.set(node.id, node)
    inputs.set(node.id, new Map())
    children.set(node.id, [])
    parents.set(node.id, [])
  }
  for (const e of doc.edges) {
    const ports = inputs.get(e.to.node)
    const kids = children.get(e.from.node)
    if (!ports || !kids) continue
    if (!ports.has(e.to.port)) ports.set(e.to.port, e)
    // Degrees are small, so a linear scan dedupes faster than a Set per node.
    if (!kids.includes(e.to.node)) {
      kids.push(e.to.node)
      parents.get(e.to.node)!.push(e.from.node)
    }
  }
  return { ids, nodes, inputs, children, parents }
}

const orders = new WeakMap<Topology, { order: string[]; leftover: string[] }>()

/**
 * Kahn's algorithm. Returns the nodes in dependency order, plus the nodes left over
 * (those on or behind a cycle) when the graph is not a DAG.
 */
export function topologicalOrder(topo: Topology): { order: string[]; leftover: string[] } {
  // Validation, keys and the scheduler all need the order of the same topology: compute it once.
  const memo = orders.get(topo)
  if (memo) return memo
  const indegree = new Map(topo.ids.map((id) => [id, topo.parents.get(id)!.length]))
  const queue = topo.ids.filter((id) => indegree.get(id) === 0)
  const order: string[] = []
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]
    order.push(id)
    for (const child of topo.children.get(id)!) {
      const d = indegree.get(child)! - 1
      indegree.set(child, d)
      if (d === 0) queue.push(child)
    }
  }
  const placed = new Set(order)
  const leftover = order.length === topo.ids.length ? [] : topo.ids.filter((id) => !placed.has(id))
  const result = { order, leftover }
  orders.set(topo, result)
  return result
}

/**
 * Finds one cycle among `candidates` (nodes Kahn could not place), as a list of ids.
 * Depth-first with an explicit stack: a long chain must not overflow the call stack.
 */
export function findCycle(topo: Topology, candidates: readonly string[]): string[] | undefined {
  const inSet = new Set(candidates)
  const state = new Map<string, 'open' | 'done'>()
  for (const root of candidates) {
    if (state.has(root)) continue
    const path = [root]
    const nextChild = [0]
    state.set(root, 'open')
    while (path.length) {
      const id = path[path.length - 1]
      const kids = topo.children.get(id)!
      const i = nextChild[nextChild.length - 1]++
      if (i >= kids.length) {
        state.set(id, 'done')
        path.pop()
        nextChild.pop()
        continue
      }
      const child = kids[i]
      if (!inSet.has(child)) continue
      const seen = state.get(child)
      if (seen === 'open') return path.slice(path.indexOf(child))
      if (!seen) {
        state.set(child, 'open')
        path.push(child)
        nextChild.push(0)
      }
    }
  }
  return undefined
}

function reach(start: Iterable<string>, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>()
  const stack = [...start]
  while (stack.length) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    for (const n of next.get(id) ?? []) stack.push(n)
  }
  return seen
}

/** The nodes themselves and everything upstream of them. */
export const withAncestors = (topo: Topology, ids: Iterable<string>) => reach(ids, topo.parents)
/** The nodes themselves and everything downstream of them. */
export const withDescendants = (topo: Topology, ids: Iterable<string>) => reach(ids, topo.children)
