import type { DescriptorMap, FlowEdge, FlowNode } from '../lib/flow-types'
import { cardSize, wiredInputs } from './node-size'

/**
 * Whether two cards of the level would cover each other where they are placed (sizes as drawn
 * before a run: node-size.ts). Nodes sorted by x, so each is compared only with those starting
 * before it ends: a 1 000-node graph in a row costs a few thousand comparisons, not half a million.
 */
export function cardsOverlap(nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): boolean {
  const wired = wiredInputs(edges)
  const boxes = nodes.map((n) => ({ x: n.position.x, y: n.position.y, ...cardSize(n, descriptors, wired) })).sort((a, b) => a.x - b.x)
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]
    for (let j = i + 1; j < boxes.length && boxes[j].x < a.x + a.width; j++) {
      const b = boxes[j]
      if (a.y < b.y + b.height && b.y < a.y + a.height) return true
    }
  }
  return false
}
