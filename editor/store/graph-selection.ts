import type { XYPosition } from '@xyflow/react'
import { freshCopies } from '../lib/copy-ids'
import type { FlowNode } from '../lib/flow-types'
import type { GraphSlice } from './graph-state'

/** Copies land this far from the originals (and further while they would cover a node). */
const PASTE_STEP = 40

function pasteOffset(existing: readonly FlowNode[], pasted: readonly FlowNode[]): XYPosition {
  const covers = (k: number) =>
    pasted.some((p) => existing.some((n) => Math.abs(n.position.x - (p.position.x + k * PASTE_STEP)) < 20 && Math.abs(n.position.y - (p.position.y + k * PASTE_STEP)) < 20))
  let k = 1
  while (k < 50 && covers(k)) k++
  return { x: k * PASTE_STEP, y: k * PASTE_STEP }
}

/** Selecting, deleting the selection, and pasting copies (selected). */
export const selectionSlice: GraphSlice<'select' | 'deleteSelected' | 'insert'> = ({ set, get, allIds }) => ({
  select: (ids) => {
    const chosen = new Set(ids)
    set({ nodes: get().nodes.map((n) => (n.selected === chosen.has(n.id) ? n : { ...n, selected: chosen.has(n.id) })) })
  },
  deleteSelected: () => {
    const gone = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id))
    set({
      nodes: get().nodes.filter((n) => !gone.has(n.id)),
      edges: get().edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target)),
    })
  },
  insert: (nodes, edges, refs) => {
    const offset = pasteOffset(get().nodes, nodes)
    const copies = freshCopies(nodes, edges, allIds(), refs)
    const added: FlowNode[] = copies.nodes.map((n) => ({
      id: n.id,
      type: n.data.group ? 'pipelineGroup' : 'pipeline',
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      data: n.data,
      selected: true,
    }))
    set({
      nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), ...added],
      edges: [...get().edges, ...copies.edges.map((e) => ({ ...e, selected: false }))],
    })
  },
})
