import { Position, type NodeHandle } from '@xyflow/react'
import type { DescriptorMap, FlowEdge, FlowNode } from '../lib/flow-types'

/**
 * A node card as drawn (styles.css, 12 px text, measured in Chromium): 56 px tall with one
 * port row, 20.8 px per further row, a note line ("Connect: …", a group's "n nodes inside")
 * ≈ 21 px; 190–260 px wide with the title. Handles are 10 px, the first one's top 36.8 px down.
 */
const CARD = { width: 220, height: 56, row: 20.8, note: 21, handleTop: 36.8, handle: 10 }

/** Ports shown on a node's card, in order. */
function portsOf(n: FlowNode, descriptors: DescriptorMap): { ins: string[]; outs: string[] } {
  const group = n.data.group
  if (group) return { ins: [...new Set(group.inputs.map((p) => p.name))], outs: group.outputs.map((p) => p.name) }
  const desc = descriptors.get(n.data.nodeType)
  return { ins: Object.keys(desc?.inputs ?? {}), outs: Object.keys(desc?.outputs ?? {}) }
}

/** `node\u0000port` of every wired input, to tell which cards show "Connect: …". */
export function wiredInputs(edges: readonly FlowEdge[]): ReadonlySet<string> {
  return new Set(edges.map((e) => `${e.target}\u0000${e.targetHandle ?? ''}`))
}

/**
 * What a run adds under a card: up to four summary lines (format.ts summaryLines) or an error
 * (clamped to 5.5 lines in styles.css). Layouts keep this room below every card, so cards laid out
 * before a run do not overlap once they have run.
 */
const RESULT_ROOM = 4 * CARD.row + 10

/** The size a node's card will have once drawn (its measured size when it has been). */
export function cardSize(n: FlowNode, descriptors: DescriptorMap, wired: ReadonlySet<string>): { width: number; height: number } {
  if (n.measured?.width && n.measured.height) return { width: n.measured.width, height: n.measured.height }
  return plainCardSize(n, descriptors, wired)
}

/** The space auto-layout gives a card: its size with a run's results under it. */
export function layoutSize(n: FlowNode, descriptors: DescriptorMap, wired: ReadonlySet<string>): { width: number; height: number } {
  const { width, height } = cardSize(n, descriptors, wired)
  return { width, height: Math.max(height, plainCardSize(n, descriptors, wired).height + RESULT_ROOM) }
}

/** A card's size before any run: title, port rows and a note. */
function plainCardSize(n: FlowNode, descriptors: DescriptorMap, wired: ReadonlySet<string>): { width: number; height: number } {
  const { ins, outs } = portsOf(n, descriptors)
  const desc = descriptors.get(n.data.nodeType)
  const unwired = Object.entries(desc?.inputs ?? {}).some(([name, p]) => !p.optional && !wired.has(`${n.id}\u0000${name}`))
  const rows = Math.max(1, ins.length, outs.length)
  return { width: CARD.width, height: CARD.height + CARD.row * (rows - 1) + (unwired || n.data.group ? CARD.note : 0) }
}

/**
 * A node as React Flow can place before drawing it: its size and where its handles will be.
 * React Flow draws every node once to measure its handles unless the node brings them
 * (`handles`); with them, a big graph draws only the cards in view (onlyRenderVisibleElements).
 * The store drops `handles` once the card is measured (graph-store.ts), so the real ones win.
 */
export function presized(n: FlowNode, descriptors: DescriptorMap, wired: ReadonlySet<string>): FlowNode {
  const { width, height } = cardSize(n, descriptors, wired)
  const { ins, outs } = portsOf(n, descriptors)
  const y = (i: number) => CARD.handleTop + CARD.row * i
  const handles: NodeHandle[] = [
    ...ins.map((id, i) => ({ id, type: 'target' as const, position: Position.Left, x: -CARD.handle / 2, y: y(i), width: CARD.handle, height: CARD.handle })),
    ...outs.map((id, i) => ({ id, type: 'source' as const, position: Position.Right, x: width - CARD.handle / 2, y: y(i), width: CARD.handle, height: CARD.handle })),
  ]
  return { ...n, initialWidth: width, initialHeight: height, handles }
}
