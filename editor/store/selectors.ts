import type { GraphDocument } from '../../runtime/document/schema'
import { flowToDoc } from '../lib/doc-convert'
import type { FlowNode } from '../lib/flow-types'
import type { GraphState } from './graph-store'
import { graphStore } from './index'

export const selectNodes = (s: GraphState) => s.nodes
export const selectEdges = (s: GraphState) => s.edges
export const selectSelectedIds = (s: GraphState) => s.nodes.filter((n) => n.selected).map((n) => n.id)
/** The one selected node the inspector and results panel show (the first of a multi-selection). */
export const selectFocused = (s: GraphState): FlowNode | undefined => s.nodes.find((n) => n.selected)

/** The graph as a document, right now. */
export function currentDoc(): GraphDocument {
  const { nodes, edges, meta } = graphStore.getState()
  return flowToDoc(nodes, edges, meta)
}

export function selectedIds(): string[] {
  return selectSelectedIds(graphStore.getState())
}

/** Ids in string-array equality, so components re-render only when the selection changes. */
export const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])
