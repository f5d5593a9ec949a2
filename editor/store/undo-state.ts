import type { FlowNode } from '../lib/flow-types'
import type { UndoState } from './graph-state'

/** The part of the graph that undo/redo tracks: no selection, sizes or drag flags. */
export function undoable(s: UndoState): UndoState {
  return {
    nodes: s.nodes.map(({ id, type, position, data }) => ({ id, type, position, data })),
    edges: s.edges.map(({ id, source, sourceHandle, target, targetHandle }) => ({
      id,
      source,
      sourceHandle,
      target,
      targetHandle,
    })),
    meta: s.meta,
    path: s.path,
  }
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Same ids, types, positions and data objects: what a measurement, a selection or a pan leaves as it was. */
export function sameNodeRefs(a: readonly FlowNode[], b: readonly FlowNode[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]]
    if (x.id !== y.id || x.type !== y.type || x.position !== y.position || x.data !== y.data) return false
  }
  return true
}

/**
 * Whether a store update changed what undo tracks. Every update is asked (React Flow measuring a
 * card that scrolls into view is one): unchanged references answer in one pass over the nodes,
 * and only a real change pays for comparing the two states as text.
 */
export function sameUndoState(a: UndoState, b: UndoState): boolean {
  if (a.meta === b.meta && a.path === b.path && sameNodeRefs(a.nodes, b.nodes) && a.edges.length === b.edges.length) {
    const e = (x: UndoState['edges'][number], y: UndoState['edges'][number]) =>
      x.id === y.id && x.source === y.source && x.target === y.target && x.sourceHandle === y.sourceHandle && x.targetHandle === y.targetHandle
    if (a.edges.every((x, i) => e(x, b.edges[i]))) return true
  }
  return same(a, b)
}
