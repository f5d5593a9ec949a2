import type { GraphDocument } from '../document/schema'
import { wireAt, type Topology } from '../graph/topology'
import type { PortType } from '../node-api/ports'
import { own } from './own'

type Outputs = Readonly<Record<string, { types: readonly PortType[]; sameAs?: string }>>

/** Node port declarations by type: the registry in the runtime, node descriptors in the editor. */
export interface PortCatalog {
  get(type: string): { outputs: Outputs } | undefined
}

/**
 * The types each output of node index `i` can carry (read-only: shared with the declarations),
 * following `sameAs` outputs through the wiring: a standardize node fed `splits` outputs
 * `splits`. Walks the chain with a loop, not recursion, so a chain of any length fits on the stack.
 */
export function indexedTypeResolver(topo: Topology, outputsAt: (i: number) => Outputs | undefined) {
  // Only `sameAs` outputs are remembered; a plain output's types are its declaration.
  const memo = new Map<string, readonly PortType[]>()
  return (start: number, startPort: string): readonly PortType[] => {
    const first = own(outputsAt(start), startPort)
    if (!first) return NONE
    if (!first.sameAs) return first.types
    // Outputs that follow an input, from the one asked about towards the source of the value.
    const chain: { key: string; types: readonly PortType[] }[] = []
    const onChain = new Set<string>()
    let upstream: readonly PortType[] = NONE
    for (let i = start, port = startPort; ; ) {
      const key = `${i}\u0000${port}`
      const cached = memo.get(key)
      if (cached) {
        upstream = cached
        break
      }
      const out = own(outputsAt(i), port)
      if (!out) break
      if (!out.sameAs || onChain.has(key)) {
        upstream = out.types
        break
      }
      chain.push({ key, types: out.types })
      onChain.add(key)
      const edge = wireAt(topo, i, out.sameAs)
      if (!edge) break
      i = topo.index.get(edge.from.node)!
      port = edge.from.port
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const { key, types } = chain[k]
      const narrowed = upstream.filter((t) => types.includes(t))
      upstream = narrowed.length ? narrowed : types
      memo.set(key, upstream)
    }
    return upstream
  }
}

const NONE: readonly PortType[] = Object.freeze([])

/**
 * Node index → index of the last node with its id: where ids repeat, output types have always
 * been read from the last node's type (validation reports the repeat itself).
 */
export function lastWithId(topo: Topology): Int32Array {
  const last = new Int32Array(topo.canon.length)
  for (let i = 0; i < last.length; i++) last[topo.canon[i]] = i
  return last
}

/** The types an output of a node (by id) can carry; see indexedTypeResolver. */
export function outputTypeResolver(doc: Pick<GraphDocument, 'nodes'>, registry: PortCatalog, topo: Topology) {
  const last = lastWithId(topo)
  const resolve = indexedTypeResolver(topo, (i) => registry.get(doc.nodes[last[i]].type)?.outputs)
  return (nodeId: string, port: string): PortType[] => {
    const i = topo.index.get(nodeId)
    return i === undefined ? [] : [...resolve(i, port)]
  }
}
