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

/** Port facts of one level's nodes by id (answers undefined for an id not on it). */
export interface PortViewMap {
  get(id: string): NodePorts | undefined
}

interface Memo {
  nodes: readonly FlowNode[]
  edges: readonly FlowEdge[]
  view: LevelPorts
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

/** What every node's facts are read from: the level's wiring and output types, found in one pass over it. */
interface LevelIndex {
  byId: Map<string, FlowNode>
  resolve: (node: string, port: string) => PortType[]
  groups: ReturnType<typeof flatView>['groups']
  wiredIn: Map<string, Set<string>>
  wiredOut: Map<string, Set<string>>
}

function indexLevel(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): LevelIndex {
  const { doc, groups } = flatView({ nodes, edges })
  const resolve = outputTypeResolver(doc, catalog(descriptors), buildTopology(doc))
  const wiredIn = new Map<string, Set<string>>()
  const wiredOut = new Map<string, Set<string>>()
  const add = (m: Map<string, Set<string>>, id: string, port: string) => (m.get(id) ?? m.set(id, new Set()).get(id)!).add(port)
  for (const e of edges) {
    add(wiredIn, e.target, e.targetHandle ?? '')
    add(wiredOut, e.source, e.sourceHandle ?? '')
  }
  // Where an id repeats, the last node of it answers (validation reports the repeat itself).
  const byId = new Map<string, FlowNode>()
  for (const n of nodes) byId.set(n.id, n)
  return { byId, resolve, groups, wiredIn, wiredOut }
}

function nodeFacts(n: FlowNode, level: LevelIndex, descriptors: DescriptorMap): NodePorts {
  const desc = descriptors.get(n.data.nodeType)
  const ins = level.wiredIn.get(n.id) ?? new Set<string>()
  const outNames = n.data.group ? n.data.group.outputs.map((p) => p.name) : Object.keys(desc?.outputs ?? {})
  const outputs = new Map<string, readonly PortType[]>()
  for (const port of outNames) {
    const end = level.groups.get(n.id)?.outputs.get(port) ?? { node: n.id, port }
    outputs.set(port, level.resolve(end.node, end.port))
  }
  const missing = Object.entries(desc?.inputs ?? {}).filter(([name, p]) => !p.optional && !ins.has(name)).map(([name]) => name)
  return { outputs, missing, wiredIn: [...ins], wiredOut: [...(level.wiredOut.get(n.id) ?? [])] }
}

/**
 * Port facts of one level, each node's worked out when its card first asks: a 1 000-node graph
 * opens with a screenful of cards drawn, not a thousand. The level's index is built once.
 */
class LevelPorts implements PortViewMap {
  private readonly facts = new Map<string, NodePorts>()
  private level?: LevelIndex

  constructor(
    private readonly nodes: readonly FlowNode[],
    private readonly edges: readonly FlowEdge[],
    private readonly descriptors: DescriptorMap,
    private readonly previous?: ReadonlyMap<string, NodePorts>,
  ) {}

  /** The facts worked out so far: what the next view compares with. */
  get known(): ReadonlyMap<string, NodePorts> {
    return this.facts
  }

  get(id: string): NodePorts | undefined {
    const known = this.facts.get(id)
    if (known) return known
    this.level ??= indexLevel(this.nodes, this.edges, this.descriptors)
    const n = this.level.byId.get(id)
    if (!n) return undefined
    const ports = nodeFacts(n, this.level, this.descriptors)
    // Unchanged facts keep their object, so only the cards a new wire touched draw again.
    const before = this.previous?.get(id)
    const kept = before && samePorts(before, ports) ? before : ports
    this.facts.set(id, kept)
    return kept
  }
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
  const view = new LevelPorts(nodes, edges, descriptors, memo?.view.known)
  memos.set(descriptors, { nodes, edges, view })
  return view
}

const NONE: NodePorts = { outputs: new Map(), missing: [], wiredIn: [], wiredOut: [] }

/** One node's port facts (empty for an id not on the level). */
export function nodePorts(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap, id: string): NodePorts {
  return portView(nodes, edges, descriptors).get(id) ?? NONE
}
