import type { GraphDocument } from '../document/schema'
import type { Topology } from '../graph/topology'
import type { PortType } from '../node-api/ports'
import { own } from './own'

/** Node port declarations by type: the registry in the runtime, node descriptors in the editor. */
export interface PortCatalog {
  get(type: string): { outputs: Readonly<Record<string, { types: readonly PortType[]; sameAs?: string }>> } | undefined
}

/**
 * The types each node output can carry, following `sameAs` outputs through the wiring:
 * a standardize node fed `splits` outputs `splits`. Walks the chain with a loop, not
 * recursion, so a chain of any length fits on the stack.
 */
export function outputTypeResolver(doc: Pick<GraphDocument, 'nodes'>, registry: PortCatalog, topo: Topology) {
  const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type]))
  const memo = new Map<string, readonly PortType[]>()
  return (startNode: string, startPort: string): PortType[] => {
    // Outputs that follow an input, from the one asked about towards the source of the value.
    const chain: { key: string; types: readonly PortType[] }[] = []
    const onChain = new Set<string>()
    let upstream: readonly PortType[] = []
    for (let nodeId = startNode, port = startPort; ; ) {
      const key = `${nodeId}\u0000${port}`
      const cached = memo.get(key)
      if (cached) {
        upstream = cached
        break
      }
      const out = own(registry.get(typeOf.get(nodeId) ?? '')?.outputs, port)
      if (!out) break
      if (!out.sameAs || onChain.has(key)) {
        upstream = out.types
        if (!out.sameAs) memo.set(key, upstream)
        break
      }
      chain.push({ key, types: out.types })
      onChain.add(key)
      const edge = topo.inputs.get(nodeId)?.get(out.sameAs)
      if (!edge) break
      nodeId = edge.from.node
      port = edge.from.port
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const { key, types } = chain[i]
      const narrowed = upstream.filter((t) => types.includes(t))
      upstream = narrowed.length ? narrowed : types
      memo.set(key, upstream)
    }
    return [...upstream]
  }
}
