import type { Topology } from './topology'

/** A topology's dependency order, as ids and as node indices. */
export interface Order {
  order: string[]
  /** Nodes on or behind a cycle, in document order. */
  leftover: string[]
  /** `order` as node indices (the first node of a repeated id). */
  indices: Int32Array
}

const orders = new WeakMap<Topology, Order>()

/**
 * Kahn's algorithm. Returns the nodes in dependency order, plus the nodes left over
 * (those on or behind a cycle) when the graph is not a DAG.
 */
export function topologicalOrder(topo: Topology): Order {
  // Validation, keys and the scheduler all need the order of the same topology: compute it once.
  const memo = orders.get(topo)
  if (memo) return memo
  const n = topo.ids.length
  const { canon, childStart, childList } = topo
  const indegree = new Int32Array(n)
  for (let i = 0; i < n; i++) indegree[i] = topo.parentStart[i + 1] - topo.parentStart[i]
  // A repeated id is queued once per occurrence, as the id-based order always did.
  const queue = new Int32Array(n + topo.childList.length)
  let tail = 0
  for (let i = 0; i < n; i++) if (indegree[canon[i]] === 0) queue[tail++] = canon[i]
  for (let head = 0; head < tail; head++) {
    const u = queue[head]
    for (let k = childStart[u]; k < childStart[u + 1]; k++) {
      const child = childList[k]
      if (--indegree[child] === 0) queue[tail++] = child
    }
  }
  const indices = queue.slice(0, tail)
  const order = new Array<string>(tail)
  const placed = new Uint8Array(n)
  for (let k = 0; k < tail; k++) (order[k] = topo.ids[indices[k]]), (placed[indices[k]] = 1)
  const leftover: string[] = []
  if (tail !== n) for (let i = 0; i < n; i++) if (!placed[canon[i]]) leftover.push(topo.ids[i])
  const result = { order, leftover, indices }
  orders.set(topo, result)
  return result
}

/**
 * Finds one cycle among `candidates` (nodes Kahn could not place), as a list of ids.
 * Depth-first with an explicit stack: a long chain must not overflow the call stack.
 */
export function findCycle(topo: Topology, candidates: readonly string[]): string[] | undefined {
  const n = topo.ids.length
  const inSet = new Uint8Array(n)
  for (const id of candidates) inSet[topo.index.get(id)!] = 1
  const state = new Uint8Array(n) // 0 unseen, 1 open, 2 done
  for (const rootId of candidates) {
    const root = topo.index.get(rootId)!
    if (state[root]) continue
    const path = [root]
    const nextChild = [topo.childStart[root]]
    state[root] = 1
    while (path.length) {
      const u = path[path.length - 1]
      const k = nextChild[nextChild.length - 1]++
      if (k >= topo.childStart[u + 1]) {
        state[u] = 2
        path.pop()
        nextChild.pop()
        continue
      }
      const child = topo.childList[k]
      if (!inSet[child]) continue
      if (state[child] === 1) return path.slice(path.indexOf(child)).map((i) => topo.ids[i])
      if (!state[child]) {
        state[child] = 1
        path.push(child)
        nextChild.push(topo.childStart[child])
      }
    }
  }
  return undefined
}

function reach(topo: Topology, start: Iterable<string>, starts: Int32Array, list: Int32Array): Set<string> {
  const seen = new Set<string>()
  const stack = [...start]
  while (stack.length) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    const i = topo.index.get(id)
    if (i !== undefined) for (let k = starts[i]; k < starts[i + 1]; k++) stack.push(topo.ids[list[k]])
  }
  return seen
}

/** The nodes themselves and everything upstream of them. */
export const withAncestors = (topo: Topology, ids: Iterable<string>) => reach(topo, ids, topo.parentStart, topo.parentList)
/** The nodes themselves and everything downstream of them. */
export const withDescendants = (topo: Topology, ids: Iterable<string>) => reach(topo, ids, topo.childStart, topo.childList)
