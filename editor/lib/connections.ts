import type { PortType } from '../../runtime/node-api/ports'
import { buildTopology } from '../../runtime/graph/topology'
import { outputTypeResolver } from '../../runtime/validate/port-types'
import { wireProblem as runtimeWireProblem, type WireCatalog } from '../../runtime/validate/wire-check'
import type { Wire } from '../store/graph-store'
import { flowToDoc } from './doc-convert'
import type { DescriptorMap, FlowEdge, FlowNode } from './flow-types'

export type { Wire }

interface GraphView {
  nodes: readonly FlowNode[]
  edges: readonly FlowEdge[]
  descriptors: DescriptorMap
}

/** Node descriptors as the runtime's port catalog (descriptors carry the same port types). */
const catalog = (descriptors: DescriptorMap): WireCatalog => ({
  get: (type) => descriptors.get(type) as ReturnType<WireCatalog['get']>,
})

/**
 * Types an output really produces: a `sameAs` output follows what is wired into its input
 * (a transform fed `splits` gives `splits`), by the runtime's own resolver.
 */
export function outputTypes(g: GraphView, nodeId: string, port: string): PortType[] {
  const doc = flowToDoc(g.nodes, g.edges, {})
  return outputTypeResolver(doc, catalog(g.descriptors), buildTopology(doc))(nodeId, port)
}

/**
 * Why a wire cannot be made, in the validator's words (runtime/validate/wire-check: one rule
 * and one message set for the CLI, the runtime and the editor); undefined when it can. A wire
 * into an input that already has one replaces it.
 */
export function wireProblem(g: GraphView, w: Wire): string | undefined {
  const doc = flowToDoc(g.nodes, g.edges, {})
  return runtimeWireProblem(doc, catalog(g.descriptors), {
    from: { node: w.source, port: w.sourceHandle ?? '' },
    to: { node: w.target, port: w.targetHandle ?? '' },
  })?.message
}

/** Required inputs of a node that have no wire. */
export function missingInputs(g: Pick<GraphView, 'edges' | 'descriptors'>, node: FlowNode): string[] {
  const desc = g.descriptors.get(node.data.nodeType)
  if (!desc) return []
  return Object.entries(desc.inputs)
    .filter(([name, port]) => !port.optional && !g.edges.some((e) => e.target === node.id && e.targetHandle === name))
    .map(([name]) => name)
}

/** Colour (a CSS variable) per port type, so wires and handles read at a glance. */
export function portColor(types: readonly string[]): string {
  return types.length === 1 ? `var(--port-${types[0]})` : 'var(--port-mixed)'
}
