import type { GraphDocument } from '../../runtime/document/schema'
import { flowToDoc } from '../lib/doc-convert'
import type { FlowNode } from '../lib/flow-types'
import type { Editor } from './editor'
import type { GraphState } from './graph-store'
import type { History } from './graph-store'

export const selectNodes = (s: GraphState) => s.nodes
export const selectEdges = (s: GraphState) => s.edges
export const selectTitle = (s: GraphState) => s.meta.title ?? ''
export const selectHasSelection = (s: GraphState) => s.nodes.some((n) => n.selected)
export const selectSelectedCount = (s: GraphState) => s.nodes.filter((n) => n.selected).length
export const selectIsEmpty = (s: GraphState) => s.nodes.length === 0
export const selectSelectedIds = (s: GraphState) => s.nodes.filter((n) => n.selected).map((n) => n.id)
/** The one selected node the inspector and results panel show (the first of a multi-selection). */
export const selectFocused = (s: GraphState): FlowNode | undefined => s.nodes.find((n) => n.selected)
export const selectCanUndo = (s: History) => s.pastStates.length > 0
export const selectCanRedo = (s: History) => s.futureStates.length > 0

/** The graph as a document, right now. */
export function currentDoc(ed: Editor): GraphDocument {
  const { nodes, edges, meta } = ed.graph.getState()
  return flowToDoc(nodes, edges, meta)
}

export function selectedIds(ed: Editor): string[] {
  return selectSelectedIds(ed.graph.getState())
}
