import type { GraphDocument } from '../document/schema'
import { buildTopology, childrenOf, type Topology } from '../graph/topology'
import { portsCompatible, type PortType } from '../node-api/ports'
import { messages, type DiagnosticCode } from './diagnostics'
import { own } from './own'
import { outputTypeResolver, type PortCatalog } from './port-types'

/** A catalog that also knows inputs, as a wire check needs. */
export interface WireCatalog extends PortCatalog {
  get(type: string):
    | {
        inputs: Readonly<Record<string, { types: readonly PortType[] }>>
        outputs: Readonly<Record<string, { types: readonly PortType[]; sameAs?: string }>>
      }
    | undefined
}

export interface WireEnds {
  from: { node: string; port: string }
  to: { node: string; port: string }
}

/** The path of node ids from `start` to `goal` along wires, or undefined. */
function pathBetween(topo: Topology, start: string, goal: string): string[] | undefined {
  const cameFrom = new Map<string, string>([[start, start]])
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]
    if (id === goal) {
      const path = [id]
      while (path[0] !== start) path.unshift(cameFrom.get(path[0])!)
      return path
    }
    for (const next of childrenOf(topo, id)) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, id)
        queue.push(next)
      }
    }
  }
  return undefined
}

/**
 * Why `wire` cannot join `doc`, with the validator's own codes and sentences (the one port
 * rule the CLI, the runtime and the editor share), or undefined when it can. A wire into an
 * input that already has one replaces it, so that old wire is left out of the check.
 */
export function wireProblem(
  doc: Pick<GraphDocument, 'nodes' | 'edges'>,
  catalog: WireCatalog,
  wire: WireEnds,
): { code: DiagnosticCode; message: string } | undefined {
  const problem = <C extends DiagnosticCode>(code: C, ...args: Parameters<(typeof messages)[C]>) => ({
    code,
    message: (messages[code] as (...a: typeof args) => string)(...args),
  })
  const from = doc.nodes.find((n) => n.id === wire.from.node)
  const to = doc.nodes.find((n) => n.id === wire.to.node)
  if (!from) return problem('dangling-edge', 'from', wire.from.node)
  if (!to) return problem('dangling-edge', 'to', wire.to.node)
  const fromDef = catalog.get(from.type)
  const toDef = catalog.get(to.type)
  if (!fromDef) return problem('unknown-node-type', from.type)
  if (!toDef) return problem('unknown-node-type', to.type)
  const inPort = own(toDef.inputs, wire.to.port)
  if (!own(fromDef.outputs, wire.from.port)) {
    return problem('unknown-port', from.id, from.type, wire.from.port, 'output', Object.keys(fromDef.outputs))
  }
  if (!inPort) return problem('unknown-port', to.id, to.type, wire.to.port, 'input', Object.keys(toDef.inputs))
  const edges = doc.edges.filter((e) => !(e.to.node === to.id && e.to.port === wire.to.port))
  const topo = buildTopology({ nodes: doc.nodes, edges })
  const produced = outputTypeResolver(doc, catalog, topo)(from.id, wire.from.port)
  if (!portsCompatible(produced, inPort.types)) {
    return problem('incompatible-ports', produced.join(' or '), inPort.types.join(' or '))
  }
  const back = from.id === to.id ? [from.id] : pathBetween(topo, to.id, from.id)
  if (back) return problem('cycle', back)
  return undefined
}
