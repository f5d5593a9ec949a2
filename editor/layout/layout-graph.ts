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

/** Left-to-right positions (top-left corners) for every node by the linear layered layout: milliseconds, synchronous. */
export function layeredPlaces(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): Map<string, XYPosition> {
  const wired = wiredInputs(edges)
  return layeredLayout(nodes.map((n) => ({ id: n.id, ...layoutSize(n, descriptors, wired) })), edges)
}

/**
 * Left-to-right positions (top-left corners) for every node: ELK for small graphs, layered-layout.ts for
 * large ones, and for a small one when ELK cannot load (its chunk gone after an update while offline).
 */
export async function layoutGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): Promise<Map<string, XYPosition>> {
  const layered = () => layeredPlaces(nodes, edges, descriptors)
  return nodes.length < LARGE_GRAPH ? elkLayout(nodes, edges, descriptors).catch(layered) : layered()
}
