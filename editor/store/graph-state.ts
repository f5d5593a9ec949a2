import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react'
import type { TemporalState } from 'zundo'
import type { StoreApi } from 'zustand'
import type { GraphDocument } from '../../runtime/document/schema'
import type { PortNames } from '../../runtime/graph/group-edit'
import type { DescriptorMap, FlowEdge, FlowNode } from '../lib/flow-types'
import type { NodeRef } from '../lib/copy-ids'
import type { OpenGroup } from '../lib/group-levels'
import type { ParamsById } from '../lib/nested-params'

/** A wire as React Flow describes it. */
export interface Wire {
  source: string
  sourceHandle: string | null | undefined
  target: string
  targetHandle: string | null | undefined
}

export interface GraphState {
  nodes: FlowNode[]
  edges: FlowEdge[]
  meta: GraphDocument['meta']
  /** The groups opened to reach the level shown, outermost first (empty: the top level). */
  path: OpenGroup[]
  onNodesChange(changes: NodeChange<FlowNode>[]): void
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void
  /**
   * Replaces the whole graph. New, Open and examples are one undo step (`keepHistory`); a
   * restore after a reload starts a fresh history. Given the node descriptors, a large graph's
   * nodes come with their planned size and handles, so the canvas draws only those in view.
   */
  load(doc: GraphDocument, opts?: { selected?: string[]; keepHistory?: boolean; descriptors?: DescriptorMap }): void
  addNode(nodeType: string, params: Record<string, unknown>, position: XYPosition): string
  /** Adds a wire; one already in that input is replaced, in the same undo step. */
  connect(w: Wire): void
  setParam(id: string, name: string, value: unknown): void
  /** Merges params into nodes at any level (inside groups, or above the level shown): one undo step. */
  setParams(edits: ParamsById): void
  resetParam(id: string, name: string): void
  setLabel(id: string, label: string): void
  setTitle(title: string): void
  setPositions(positions: ReadonlyMap<string, XYPosition>): void
  select(ids: string[]): void
  /** Deletes the selected nodes, their wires and selected wires: one undo step. */
  deleteSelected(): void
  /**
   * Adds copied nodes (and the wires among them) with fresh ids at every level inside them, selected,
   * shifted off any node they would cover; `refs` names the params that refer to nodes (they follow the new ids).
   */
  insert(nodes: FlowNode[], edges: FlowEdge[], refs?: (nodeType: string) => NodeRef[]): void
  /** Puts the selected nodes into one new group node (selected afterwards); returns its id. */
  groupSelected(names: PortNames): string | undefined
  /** Replaces each selected group by its nodes (selected afterwards). */
  ungroupSelected(): void
  /** Shows the inside of group `id` in place of the current level. */
  enterGroup(id: string): void
  /** Goes back up until `depth` groups are open (0: the top level). */
  leaveTo(depth: number, names: PortNames): void
  undo(): void
  redo(): void
  /** A drag is one undo step: call at its start and its end (positions stream in between). */
  beginGesture(): void
  endGesture(): void
}

export type History = TemporalState<UndoState>

export type UndoState = Pick<GraphState, 'nodes' | 'edges' | 'meta' | 'path'>

/** What each slice of the graph store (graph-*.ts) is built from. */
export interface SliceContext {
  set(partial: Partial<GraphState>): void
  get(): GraphState
  /** The undo history (zundo's temporal store). */
  temporal(): StoreApi<History>
  /** Ids in use across every level of a grouped document, not only the one shown. */
  allIds(): { nodes: Set<string>; edges: Set<string> }
}

/** A slice: the actions named by `K`, built over the shared store. */
export type GraphSlice<K extends keyof GraphState> = (c: SliceContext) => Pick<GraphState, K>
