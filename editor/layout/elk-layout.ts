import type { ELK, ElkNode } from 'elkjs/lib/elk.bundled.js'
import type { XYPosition } from '@xyflow/react'
import type { DescriptorMap, FlowEdge, FlowNode } from '../lib/flow-types'
import { layoutSize, wiredInputs } from './node-size'

let elk: Promise<ELK> | undefined
/** ELK is 1.6 MB of compiled Java: loaded on the first layout, not with the page. */
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()))

/**
 * Layered left-to-right layout with fixed port sides (inputs west, outputs east, in declared
 * order), so wires run forward without crossing where ELK can avoid it.
 */
export async function elkLayout(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  descriptors: DescriptorMap,
): Promise<Map<string, XYPosition>> {
  const portIds = new Set<string>()
  const wired = wiredInputs(edges)
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: nodes.map((n) => {
      const desc = descriptors.get(n.data.nodeType)
      const inputs = Object.keys(desc?.inputs ?? {})
      const outputs = Object.keys(desc?.outputs ?? {})
      return {
        id: n.id,
        ...layoutSize(n, descriptors, wired),
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          ...inputs.map((p, i) => ({ id: `${n.id}::in::${p}`, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(i) } })),
          ...outputs.map((p, i) => ({ id: `${n.id}::out::${p}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
        ],
      }
    }),
    edges: [],
  }
  for (const child of graph.children ?? []) for (const p of child.ports ?? []) portIds.add(p.id)
  // A wire to a port the node no longer has (unknown type) would make ELK throw: leave it out.
  graph.edges = edges
    .map((e) => ({ id: e.id, sources: [`${e.source}::out::${e.sourceHandle}`], targets: [`${e.target}::in::${e.targetHandle}`] }))
    .filter((e) => portIds.has(e.sources[0]) && portIds.has(e.targets[0]))
  const out = await (await loadElk()).layout(graph)
  return new Map((out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]))
}
