import type { PortType } from '../../runtime/node-api/ports'
import { buildTopology } from '../../runtime/graph/topology'
import { outputTypeResolver } from '../../runtime/validate/port-types'
import { catalog, flatView } from './connections'
import type { DescriptorMap, FlowEdge, FlowNode } from './flow-types'

/** What one node card shows about its ports, derived from the whole level's wiring. */
export interface NodePorts {
  /** Types each output really produces (a `sameAs` output follows its input). */
  outputs: ReadonlyMap<string, readonly PortType[]>
  /** Required inputs without a wire. */
  missing: readonly string[]
  /** Input and output ports that wires use (what a node of an unknown type still shows). */
  wiredIn: readonly string[]
  wiredOut: readonly string[]
}

type PortViewMap = ReadonlyMap<string, NodePorts>

interface Memo {
  nodes: readonly FlowNode[]
  edges: readonly FlowEdge[]
  view: PortViewMap
}

/** One memo per descriptor map, i.e. per editor (each keeps the catalogue its engine described). */
const memos = new WeakMap<DescriptorMap, Memo>()

/** Same ids, types and data in the same order: a drag or a selection changed nothing a port depends on. */
function sameStructure(a: readonly FlowNode[], b: readonly FlowNode[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id || a[i].data !== b[i].data) return false
  return true
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

function samePorts(a: NodePorts, b: NodePorts): boolean {
  if (!sameList(a.missing, b.missing) || !sameList(a.wiredIn, b.wiredIn) || !sameList(a.wiredOut, b.wiredOut)) return false
  if (a.outputs.size !== b.outputs.size) return false
  for (const [port, types] of a.outputs) if (!sameList(types, b.outputs.get(port) ?? [])) return false
  return true
}

/** Port facts of every node, in one pass over the level (not one pass per node card). */
function computeView(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap, previous?: PortViewMap): PortViewMap {
  const { doc, groups } = flatView({ nodes, edges })
  const resolve = outputTypeResolver(doc, catalog(descriptors), buildTopology(doc))
  const wiredIn = new Map<string, Set<string>>()
  const wiredOut = new Map<string, Set<string>>()
  const add = (m: Map<string, Set<string>>, id: string, port: string) => (m.get(id) ?? m.set(id, new Set()).get(id)!).add(port)
  for (const e of edges) {
    add(wiredIn, e.target, e.targetHandle ?? '')
    add(wiredOut, e.source, e.sourceHandle ?? '')
  }
  const view = new Map<string, NodePorts>()
  for (const n of nodes) {
    const desc = descriptors.get(n.data.nodeType)
    const ins = wiredIn.get(n.id) ?? new Set<string>()
    const outNames = n.data.group ? n.data.group.outputs.map((p) => p.name) : Object.keys(desc?.outputs ?? {})
    const outputs = new Map<string, readonly PortType[]>()
    for (const port of outNames) {
      const end = groups.get(n.id)?.outputs.get(port) ?? { node: n.id, port }
      outputs.set(port, resolve(end.node, end.port))
    }
    const missing = Object.entries(desc?.inputs ?? {}).filter(([name, p]) => !p.optional && !ins.has(name)).map(([name]) => name)
    const ports: NodePorts = { outputs, missing, wiredIn: [...ins], wiredOut: [...(wiredOut.get(n.id) ?? [])] }
    // Unchanged facts keep their object, so only the cards a new wire touched draw again.
    const before = previous?.get(n.id)
    view.set(n.id, before && samePorts(before, ports) ? before : ports)
  }
  return view
}

/**
 * Port facts per node of the level shown, computed once per change of wiring, node types or
 * params and shared by every card: a drag or pan (positions only) reuses them.
 */
export function portView(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): PortViewMap {
  const memo = memos.get(descriptors)
  if (memo && memo.edges === edges && (memo.nodes === nodes || sameStructure(memo.nodes, nodes))) {
    memo.nodes = nodes
    return memo.view
  }
  const view = computeView(nodes, edges, descriptors, memo?.view)
  memos.set(descriptors, { nodes, edges, view })
  return view
}

const NONE: NodePorts = { outputs: new Map(), missing: [], wiredIn: [], wiredOut: [] }

/** One node's port facts (empty for an id not on the level). */
export function nodePorts(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap, id: string): NodePorts {
  return portView(nodes, edges, descriptors).get(id) ?? NONE
}
