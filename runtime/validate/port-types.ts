import type { GraphDocument } from '../document/schema'
import type { Topology } from '../graph/topology'
import type { PortType } from '../node-api/ports'
import type { Registry } from '../registry'

/**
 * The types each node output can carry, following `sameAs` outputs through the wiring:
 * a standardize node fed `splits` outputs `splits`.
 */
export function outputTypeResolver(doc: GraphDocument, registry: Registry, topo: Topology) {
  const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type]))
  const memo = new Map<string, PortType[]>()
  const resolving = new Set<string>()
  const resolve = (nodeId: string, port: string): PortType[] => {
    const key = `${nodeId}\u0000${port}`
    const cached = memo.get(key)
    if (cached) return cached
    const out = registry.get(typeOf.get(nodeId) ?? '')?.outputs[port]
    if (!out) return []
    let types = out.types
    if (out.sameAs && !resolving.has(key)) {
      resolving.add(key)
      const edge = topo.inputs.get(nodeId)?.get(out.sameAs)
      if (edge) {
        const upstream = resolve(edge.from.node, edge.from.port).filter((t) => out.types.includes(t))
        if (upstream.length) types = upstream
      }
      resolving.delete(key)
    }
    memo.set(key, types)
    return types
  }
  return resolve
}
