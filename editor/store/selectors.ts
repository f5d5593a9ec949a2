import type { GraphDocument } from '../../runtime/document/schema'
import { definedPorts, type PortNames } from '../../runtime/graph/group-edit'
import { flowToDoc } from '../lib/doc-convert'
import { foldPath } from '../lib/group-levels'
import type { FlowNode } from '../lib/flow-types'
import type { Editor } from './editor'
import type { GraphState, History } from './graph-state'

export const selectNodes = (s: GraphState) => s.nodes
export const selectEdges = (s: GraphState) => s.edges
export const selectTitle = (s: GraphState) => s.meta.title ?? ''
export const selectHasSelection = (s: GraphState) => s.nodes.some((n) => n.selected)
export const selectSelectedCount = (s: GraphState) => s.nodes.filter((n) => n.selected).length
export const selectIsEmpty = (s: GraphState) => s.nodes.length === 0
export const selectSelectedIds = (s: GraphState) => s.nodes.filter((n) => n.selected).map((n) => n.id)
/** The one selected node the inspector and results panel show (the first of a multi-selection). */
export const selectFocused = (s: GraphState): FlowNode | undefined => s.nodes.find((n) => n.selected)
export const selectPath = (s: GraphState) => s.path
export const selectCanUngroup = (s: GraphState) => s.nodes.some((n) => n.selected && n.data.group)
/** Inputs inside the open group that a wire outside it feeds, as `node.port` lines (a string, so renders compare by value). */
export const selectFedFromOutside = (s: GraphState): string => {
  const open = s.path.at(-1)
  const group = open?.nodes.find((n) => n.id === open.id)?.data.group
  if (!open || !group) return ''
  const wired = new Set(open.edges.filter((e) => e.target === open.id).map((e) => e.targetHandle ?? ''))
  return group.inputs.filter((p) => wired.has(p.name)).map((p) => `${p.node}.${p.port}`).join('\n')
}
export const selectCanUndo = (s: History) => s.pastStates.length > 0
export const selectCanRedo = (s: History) => s.futureStates.length > 0

/** The graph as a document, right now. */
export function currentDoc(ed: Editor): GraphDocument {
  const { nodes, edges, meta, path } = ed.graph.getState()
  if (!path.length) return flowToDoc(nodes, edges, meta)
  const top = foldPath(path, nodes, edges, portNames(ed))
  return flowToDoc(top.nodes, top.edges, meta)
}

/** Port names per node from the engine's node descriptors (what grouping needs). */
export function portNames(ed: Editor): PortNames {
  return definedPorts(ed.ui.getState().descriptors)
}

export function selectedIds(ed: Editor): string[] {
  return selectSelectedIds(ed.graph.getState())
}
