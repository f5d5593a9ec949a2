import { applyEdgeChanges, applyNodeChanges, type NodeChange } from '@xyflow/react'
import { docToFlow } from '../lib/doc-convert'
import type { FlowNode } from '../lib/flow-types'
import { LARGE_GRAPH } from '../layout/layout-graph'
import { presized, wiredInputs } from '../layout/node-size'
import type { GraphSlice } from './graph-state'

/** A presized node's planned handles give way to the measured ones once React Flow has drawn it. */
function dropPlannedHandles(nodes: FlowNode[], changes: readonly NodeChange<FlowNode>[]): FlowNode[] {
  const measured = new Set(changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [c.id] : [])))
  if (!measured.size) return nodes
  return nodes.map((n) => {
    if (!n.handles || !measured.has(n.id)) return n
    const { handles: _planned, ...drawn } = n
    return drawn
  })
}

/** Loading a whole document, and the changes React Flow reports (measurements, moves, removals). */
export const loadSlice: GraphSlice<'load' | 'onNodesChange' | 'onEdgesChange'> = ({ set, get, temporal }) => ({
  onNodesChange: (changes) => set({ nodes: dropPlannedHandles(applyNodeChanges(changes, get().nodes), changes) }),
  onEdgesChange: (changes) => set({ edges: applyEdgeChanges(changes, get().edges) }),
  load: (doc, opts = {}) => {
    const { nodes, edges } = docToFlow(doc)
    const chosen = new Set(opts.selected ?? [])
    const wired = wiredInputs(edges)
    const sized = (n: FlowNode) => (opts.descriptors && nodes.length >= LARGE_GRAPH ? presized(n, opts.descriptors, wired) : n)
    set({ nodes: nodes.map((n) => ({ ...sized(n), selected: chosen.has(n.id) })), edges, meta: doc.meta ?? {}, path: [] })
    if (!opts.keepHistory) temporal().getState().clear()
  },
})
