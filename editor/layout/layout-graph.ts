import type { XYPosition } from '@xyflow/react'
import type { DescriptorMap, FlowEdge, FlowNode } from '../lib/flow-types'
import { elkLayout } from './elk-layout'
import { layeredLayout } from './layered-layout'
import { layoutSize, wiredInputs } from './node-size'

/**
 * From this many nodes on a graph is "large": the canvas draws only what is in view, and
 * auto-layout uses the linear layered layout, since ELK's placement takes seconds there
 * (≈ 1.2 s for 500 nodes, 5 s for 1 000 on the bench machine).
 */
export const LARGE_GRAPH = 200

/** Left-to-right positions (top-left corners) for every node: ELK for small graphs, layered-layout.ts for large ones. */
export async function layoutGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): Promise<Map<string, XYPosition>> {
  if (nodes.length < LARGE_GRAPH) return elkLayout(nodes, edges, descriptors)
  const wired = wiredInputs(edges)
  return layeredLayout(nodes.map((n) => ({ id: n.id, ...layoutSize(n, descriptors, wired) })), edges)
}
