import type { PortType } from '../../runtime/node-api/ports'
import { findNode, flattenLevel } from '../../runtime/graph/groups'
import { buildTopology } from '../../runtime/graph/topology'
import { outputTypeResolver } from '../../runtime/validate/port-types'
import { wireProblem as runtimeWireProblem, type WireCatalog } from '../../runtime/validate/wire-check'
import type { Wire } from '../store/graph-state'
import { flowToDoc } from './doc-convert'
import type { DescriptorMap, FlowEdge, FlowNode } from './flow-types'

export type { Wire }

interface GraphView {
  nodes: readonly FlowNode[]
  edges: readonly FlowEdge[]
  descriptors: DescriptorMap
}

/** Node descriptors as the runtime's port catalog (descriptors carry the same port types). */
export const catalog = (descriptors: DescriptorMap): WireCatalog => ({
  get: (type) => descriptors.get(type) as ReturnType<WireCatalog['get']>,
})

/**
 * Types an output really produces: a `sameAs` output follows what is wired into its input
 * (a transform fed `splits` gives `splits`), by the runtime's own resolver.
 */
export function outputTypes(g: GraphView, nodeId: string, port: string): PortType[] {
  const { doc, groups } = flatView(g)
  const end = groups.get(nodeId)?.outputs.get(port) ?? { node: nodeId, port }
  return outputTypeResolver(doc, catalog(g.descriptors), buildTopology(doc))(end.node, end.port)
}

/** The level shown with its groups replaced by their inner nodes (wires onto the ports they stand for). */
export function flatView(g: Pick<GraphView, 'nodes' | 'edges'>) {
  const doc = flowToDoc(g.nodes, g.edges, {})
  const flat = flattenLevel(doc.nodes, doc.edges)
  return { doc: { ...doc, nodes: flat.nodes, edges: flat.edges }, groups: flat.groups }
}

/** The types a group's input accepts: those of the inner input it stands for. */
export function groupInputTypes(g: GraphView, groupId: string, port: string): PortType[] {
  const end = flatView(g).groups.get(groupId)?.inputs.get(port)?.[0]
  const node = end && findNode(flowToDoc(g.nodes, g.edges, {}), end.node)?.node
  const desc = node && g.descriptors.get(node.type)
  return [...((end && desc && Object.hasOwn(desc.inputs, end.port) ? desc.inputs[end.port].types : []) as PortType[])]
}

/**
 * Why a wire cannot be made, in the validator's words (runtime/validate/wire-check: one rule
 * and one message set for the CLI, the runtime and the editor); undefined when it can. A wire
 * into an input that already has one replaces it.
 */
export function wireProblem(g: GraphView, w: Wire): string | undefined {
  const { doc, groups } = flatView(g)
  const from = { node: w.source, port: w.sourceHandle ?? '' }
  const to = { node: w.target, port: w.targetHandle ?? '' }
  // A wire on a group's port is checked as the wire onto the inner port it stands for.
  const fromGroup = groups.get(from.node)
  const toGroup = groups.get(to.node)
  const innerFrom = fromGroup ? fromGroup.outputs.get(from.port) : from
  const innerTo = toGroup ? toGroup.inputs.get(to.port)?.[0] : to
  if (!innerFrom) return `Group "${from.node}" has no output "${from.port}".`
  if (!innerTo) return `Group "${to.node}" has no input "${to.port}".`
  return runtimeWireProblem(doc, catalog(g.descriptors), { from: innerFrom, to: innerTo })?.message
}

/** Colour (a CSS variable) per port type, so wires and handles read at a glance. */
export function portColor(types: readonly string[]): string {
  return types.length === 1 ? `var(--port-${types[0]})` : 'var(--port-mixed)'
}
