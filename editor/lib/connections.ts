import { portsCompatible, type PortType } from '../../runtime/node-api/ports'
import type { DescriptorMap, FlowEdge, FlowNode } from './flow-types'
import { messages } from './messages'

export interface Wire {
  source: string
  sourceHandle: string | null | undefined
  target: string
  targetHandle: string | null | undefined
}

interface GraphView {
  nodes: readonly FlowNode[]
  edges: readonly FlowEdge[]
  descriptors: DescriptorMap
}

/**
 * Types an output really produces: a `sameAs` output follows what is wired into its input
 * (a transform fed `splits` gives `splits`), otherwise the declared types.
 */
export function outputTypes(g: GraphView, nodeId: string, port: string, seen = new Set<string>()): PortType[] {
  const node = g.nodes.find((n) => n.id === nodeId)
  const out = node && g.descriptors.get(node.data.nodeType)?.outputs[port]
  if (!out) return []
  const declared = out.types as PortType[]
  if (!out.sameAs || seen.has(nodeId)) return declared
  seen.add(nodeId)
  const feed = g.edges.find((e) => e.target === nodeId && e.targetHandle === out.sameAs)
  if (!feed) return declared
  const upstream = outputTypes(g, feed.source, feed.sourceHandle ?? '', seen)
  const narrowed = declared.filter((t) => upstream.includes(t))
  return narrowed.length ? narrowed : declared
}

function reaches(edges: readonly FlowEdge[], from: string, to: string): boolean {
  const stack = [from]
  const seen = new Set<string>()
  while (stack.length) {
    const id = stack.pop()!
    if (id === to) return true
    if (seen.has(id)) continue
    seen.add(id)
    for (const e of edges) if (e.source === id) stack.push(e.target)
  }
  return false
}

/** Why a wire cannot be made, in a few words; undefined when it can. */
export function wireProblem(g: GraphView, w: Wire): string | undefined {
  if (w.source === w.target) return messages.wireSelf()
  const from = g.nodes.find((n) => n.id === w.source)
  const to = g.nodes.find((n) => n.id === w.target)
  const inPort = to && g.descriptors.get(to.data.nodeType)?.inputs[w.targetHandle ?? '']
  if (!from || !to || !inPort) return messages.wireEnds()
  const produced = outputTypes(g, w.source, w.sourceHandle ?? '')
  const accepted = inPort.types as PortType[]
  if (!portsCompatible(produced, accepted)) {
    return messages.wireTypes(w.targetHandle ?? '', accepted, produced)
  }
  if (g.edges.some((e) => e.target === w.target && e.targetHandle === w.targetHandle && e.source !== w.source)) {
    return messages.wireTaken(w.targetHandle ?? '')
  }
  if (reaches(g.edges, w.target, w.source)) return messages.wireLoop()
  return undefined
}

/** Required inputs of a node that have no wire. */
export function missingInputs(g: GraphView, node: FlowNode): string[] {
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
