import type { GraphDocument, GraphEdge, GraphNode } from '../document/schema'
import { IdIndex } from './id-index'

/**
 * A document's wiring as integer arrays, built once per document: node `i` is `doc.nodes[i]`,
 * edge `e` is `doc.edges[e]`. Validation, keys and order of a 10 000-node graph walk these
 * arrays instead of building a Map per node. A repeated id (which validation reports) stands
 * for the first node with that id: `canon[i]` is that node's index, and only it has wires.
 */
export interface Topology {
  /** Node ids in document order (a repeated id appears again). */
  readonly ids: readonly string[]
  readonly nodeList: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  /** id → index of the first node with it. */
  readonly index: IdIndex
  /** node index → index of the first node with its id. */
  readonly canon: Int32Array
  /** edge → source / target node index, -1 when that node does not exist. */
  readonly edgeFrom: Int32Array
  readonly edgeTo: Int32Array
  /** Children / parents of node `i` (deduplicated, in edge order): `childList[childStart[i] .. childStart[i + 1])`. */
  readonly childStart: Int32Array
  readonly childList: Int32Array
  readonly parentStart: Int32Array
  readonly parentList: Int32Array
  /** Wires into node `i`: the first edge into each of its input ports, in edge order, `wireList[wireStart[i] ..]`. */
  readonly wireStart: Int32Array
  readonly wireList: Int32Array
}

/** Edges grouped by one end (counting sort, so each group keeps edge order). */
function groupBy(ends: Int32Array, n: number, keep: (e: number) => boolean): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1)
  for (let e = 0; e < ends.length; e++) if (keep(e)) start[ends[e] + 1]++
  for (let i = 0; i < n; i++) start[i + 1] += start[i]
  const list = new Int32Array(start[n])
  const fill = start.slice(0, n)
  for (let e = 0; e < ends.length; e++) if (keep(e)) list[fill[ends[e]]++] = e
  return { start, list }
}

/** Marks the first edge of each (source, target) pair, with a stamp per source instead of a Set. */
function firstOfPairs(from: Int32Array, to: Int32Array, out: { start: Int32Array; list: Int32Array }, n: number): Uint8Array {
  const first = new Uint8Array(from.length)
  const stamp = new Int32Array(n).fill(-1)
  for (let u = 0; u < n; u++) {
    for (let k = out.start[u]; k < out.start[u + 1]; k++) {
      const e = out.list[k]
      if (stamp[to[e]] !== u) (stamp[to[e]] = u), (first[e] = 1)
    }
  }
  return first
}

/** Keeps, per target node, the first edge into each port (a wire into a taken input is left out). */
function firstOfPorts(edges: readonly GraphEdge[], inEdges: { start: Int32Array; list: Int32Array }, n: number): Uint8Array {
  const first = new Uint8Array(edges.length)
  for (let v = 0; v < n; v++) {
    const a = inEdges.start[v]
    const b = inEdges.start[v + 1]
    // Degrees are small: compare with the kept ones; a node fed hundreds of wires gets a Set.
    const seen = b - a > 32 ? new Set<string>() : undefined
    for (let k = a; k < b; k++) {
      const port = edges[inEdges.list[k]].to.port
      let taken = false
      if (seen) taken = seen.has(port) || (seen.add(port), false)
      else for (let j = a; j < k && !taken; j++) taken = first[inEdges.list[j]] === 1 && edges[inEdges.list[j]].to.port === port
      if (!taken) first[inEdges.list[k]] = 1
    }
  }
  return first
}

export function buildTopology(doc: Pick<GraphDocument, 'nodes' | 'edges'>): Topology {
  const nodeList = doc.nodes
  const edges = doc.edges
  const n = nodeList.length
  const ids = new Array<string>(n)
  for (let i = 0; i < n; i++) ids[i] = nodeList[i].id
  const index = new IdIndex(n, (i) => ids[i])
  const canon = index.first
  const edgeFrom = new Int32Array(edges.length)
  const edgeTo = new Int32Array(edges.length)
  for (let e = 0; e < edges.length; e++) {
    edgeFrom[e] = index.get(edges[e].from.node) ?? -1
    edgeTo[e] = index.get(edges[e].to.node) ?? -1
  }
  const valid = (e: number) => edgeFrom[e] >= 0 && edgeTo[e] >= 0
  const outEdges = groupBy(edgeFrom, n, valid)
  const pair = firstOfPairs(edgeFrom, edgeTo, outEdges, n)
  const children = groupBy(edgeFrom, n, (e) => pair[e] === 1)
  const parents = groupBy(edgeTo, n, (e) => pair[e] === 1)
  for (let k = 0; k < children.list.length; k++) children.list[k] = edgeTo[children.list[k]]
  for (let k = 0; k < parents.list.length; k++) parents.list[k] = edgeFrom[parents.list[k]]
  const port = firstOfPorts(edges, groupBy(edgeTo, n, valid), n)
  const wires = groupBy(edgeTo, n, (e) => port[e] === 1)
  return {
    ids, nodeList, edges, index, canon, edgeFrom, edgeTo,
    childStart: children.start, childList: children.list,
    parentStart: parents.start, parentList: parents.list,
    wireStart: wires.start, wireList: wires.list,
  }
}

/** The node with this id (the first one when ids repeat). */
export function nodeOf(topo: Topology, id: string): GraphNode | undefined {
  const i = topo.index.get(id)
  return i === undefined ? undefined : topo.nodeList[i]
}

/** The edge feeding input `port` of node index `i`, or undefined. */
export function wireAt(topo: Topology, i: number, port: string): GraphEdge | undefined {
  for (let k = topo.wireStart[i]; k < topo.wireStart[i + 1]; k++) {
    const edge = topo.edges[topo.wireList[k]]
    if (edge.to.port === port) return edge
  }
  return undefined
}

/** Input port → the edge feeding it, for the node with this id. */
export function inputsOf(topo: Topology, id: string): Map<string, GraphEdge> {
  const i = topo.index.get(id)
  const out = new Map<string, GraphEdge>()
  if (i === undefined) return out
  for (let k = topo.wireStart[i]; k < topo.wireStart[i + 1]; k++) {
    const edge = topo.edges[topo.wireList[k]]
    out.set(edge.to.port, edge)
  }
  return out
}

const idsIn = (topo: Topology, start: Int32Array, list: Int32Array, i: number | undefined): string[] => {
  const out: string[] = []
  if (i !== undefined) for (let k = start[i]; k < start[i + 1]; k++) out.push(topo.ids[list[k]])
  return out
}

/** Ids of the nodes feeding the node with this id (deduplicated). */
export const parentsOf = (topo: Topology, id: string): string[] => idsIn(topo, topo.parentStart, topo.parentList, topo.index.get(id))
/** Ids of the nodes the node with this id feeds (deduplicated). */
export const childrenOf = (topo: Topology, id: string): string[] => idsIn(topo, topo.childStart, topo.childList, topo.index.get(id))
