import type { GraphEdge } from '../document/schema'

/**
 * `id` and every node a wire path leads from into it, from the edges alone (no topology to build):
 * what a nested run keeps of a graph, and the nodes a search can tune.
 */
export function wireAncestors(id: string, edges: readonly GraphEdge[]): Set<string> {
  const parents = new Map<string, string[]>()
  for (const e of edges) {
    const list = parents.get(e.to.node)
    if (list) list.push(e.from.node)
    else parents.set(e.to.node, [e.from.node])
  }
  const seen = new Set([id])
  const stack = [id]
  while (stack.length) {
    for (const p of parents.get(stack.pop()!) ?? []) {
      if (!seen.has(p)) seen.add(p), stack.push(p)
    }
  }
  return seen
}
