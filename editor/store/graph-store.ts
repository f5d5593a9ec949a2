import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react'
import { temporal, type TemporalState } from 'zundo'
import type { StoreApi } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { GraphDocument } from '../../runtime/document/schema'
import { groupSelection, ungroupNode, type Level, type PortNames } from '../../runtime/graph/group-edit'
import { docToFlow, flowToDoc, freshId } from '../lib/doc-convert'
import type { DescriptorMap, FlowEdge, FlowNode } from '../lib/flow-types'
import { freshCopies, type NodeRef } from '../lib/copy-ids'
import { LARGE_GRAPH } from '../layout/layout-graph'
import { presized, wiredInputs } from '../layout/node-size'
import { closeLevel, openLevel, takenIds, type OpenGroup } from '../lib/group-levels'
import { withParams, type ParamsById } from '../lib/nested-params'

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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

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
function sameUndoState(a: UndoState, b: UndoState): boolean {
  if (a.meta === b.meta && a.path === b.path && sameNodeRefs(a.nodes, b.nodes) && a.edges.length === b.edges.length) {
    const e = (x: UndoState['edges'][number], y: UndoState['edges'][number]) =>
      x.id === y.id && x.source === y.source && x.target === y.target && x.sourceHandle === y.sourceHandle && x.targetHandle === y.targetHandle
    if (a.edges.every((x, i) => e(x, b.edges[i]))) return true
  }
  return same(a, b)
}

/** Edits of one param closer together than this are one undo step. */
const PARAM_BURST_MS = 1000

/** Copies land this far from the originals (and further while they would cover a node). */
const PASTE_STEP = 40

function pasteOffset(existing: readonly FlowNode[], pasted: readonly FlowNode[]): XYPosition {
  const covers = (k: number) =>
    pasted.some((p) => existing.some((n) => Math.abs(n.position.x - (p.position.x + k * PASTE_STEP)) < 20 && Math.abs(n.position.y - (p.position.y + k * PASTE_STEP)) < 20))
  let k = 1
  while (k < 50 && covers(k)) k++
  return { x: k * PASTE_STEP, y: k * PASTE_STEP }
}

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

/** Builds a graph store that owns its undo history (zundo); one per editor. */
export function createGraphStore() {
  let lastParamEdit = { key: '', at: 0 }
  let gestureStart: UndoState | undefined
  return createStore<GraphState>()(
    temporal<GraphState, [], [], UndoState>(
      (set, get, store) => {
        // The middleware adds `temporal` to the store; the creator's store type does not show it yet.
        const history = () => (store as unknown as { temporal: StoreApi<History> }).temporal.getState()
        // Ids are unique across every level of a grouped document, not only the one shown.
        const allIds = () => takenIds(get().path, get().nodes, get().edges)
        const showLevel = (level: Level, selected: ReadonlySet<string>) =>
          docToFlow(level).nodes.map((n) => ({ ...n, selected: selected.has(n.id) }))
        return {
          nodes: [],
          edges: [],
          meta: { title: 'Untitled pipeline' },
          path: [],
          onNodesChange: (changes) => set({ nodes: dropPlannedHandles(applyNodeChanges(changes, get().nodes), changes) }),
          onEdgesChange: (changes) => set({ edges: applyEdgeChanges(changes, get().edges) }),
          load: (doc, opts = {}) => {
            const { nodes, edges } = docToFlow(doc)
            const chosen = new Set(opts.selected ?? [])
            const wired = wiredInputs(edges)
            const sized = (n: FlowNode) => (opts.descriptors && nodes.length >= LARGE_GRAPH ? presized(n, opts.descriptors, wired) : n)
            set({ nodes: nodes.map((n) => ({ ...sized(n), selected: chosen.has(n.id) })), edges, meta: doc.meta ?? {}, path: [] })
            if (!opts.keepHistory) history().clear()
          },
          addNode: (nodeType, params, position) => {
            const id = freshId('n', allIds().nodes)
            const node: FlowNode = { id, type: 'pipeline', position, selected: true, data: { nodeType, params } }
            set({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), node] })
            return id
          },
          connect: (w) => {
            const id = freshId('e', allIds().edges)
            const kept = get().edges.filter((e) => !(e.target === w.target && e.targetHandle === w.targetHandle))
            set({ edges: [...kept, { id, source: w.source, sourceHandle: w.sourceHandle, target: w.target, targetHandle: w.targetHandle }] })
          },
          setParam: (id, name, value) => {
            const apply = () =>
              set({
                nodes: get().nodes.map((n) =>
                  n.id === id ? { ...n, data: { ...n.data, params: { ...n.data.params, [name]: value } } } : n,
                ),
              })
            // Typing into one field is one undo step: later changes of the same burst are not recorded.
            const key = `${id}\u0000${name}`
            const now = Date.now()
            const burst = lastParamEdit.key === key && now - lastParamEdit.at < PARAM_BURST_MS
            lastParamEdit = { key, at: now }
            if (!burst) return apply()
            history().pause()
            apply()
            history().resume()
          },
          setParams: (edits) => {
            lastParamEdit = { key: '', at: 0 }
            set(withParams({ nodes: get().nodes, path: get().path }, edits))
          },
          resetParam: (id, name) =>
            set({
              nodes: get().nodes.map((n) => {
                if (n.id !== id) return n
                const { [name]: _dropped, ...params } = n.data.params
                return { ...n, data: { ...n.data, params } }
              }),
            }),
          setLabel: (id, label) =>
            set({
              nodes: get().nodes.map((n) => {
                if (n.id !== id) return n
                const { label: _old, ...data } = n.data
                return { ...n, data: label.trim() ? { ...data, label } : data }
              }),
            }),
          setTitle: (title) => set({ meta: { ...get().meta, title } }),
          setPositions: (positions) =>
            set({ nodes: get().nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) }),
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
          groupSelected: (names) => {
            const ids = get().nodes.filter((n) => n.selected).map((n) => n.id)
            if (!ids.length) return undefined
            const id = freshId('g', allIds().nodes)
            const level = groupSelection(flowToDoc(get().nodes, get().edges, {}), ids, id, names, 'Group')
            set({ nodes: showLevel(level, new Set([id])), edges: docToFlow(level).edges })
            return id
          },
          ungroupSelected: () => {
            const groups = get().nodes.filter((n) => n.selected && n.data.group)
            if (!groups.length) return
            let level = flowToDoc(get().nodes, get().edges, {})
            const freed = new Set<string>()
            for (const g of groups) {
              for (const inner of g.data.group!.nodes) freed.add(inner.id)
              level = { ...level, ...ungroupNode(level, g.id) }
            }
            set({ nodes: showLevel(level, freed), edges: docToFlow(level).edges })
          },
          enterGroup: (id) => {
            const node = get().nodes.find((n) => n.id === id && n.data.group)
            if (!node) return
            const entry: OpenGroup = { id, title: node.data.label ?? 'Group', nodes: get().nodes, edges: get().edges }
            set({ ...openLevel(node), path: [...get().path, entry] })
          },
          leaveTo: (depth, names) => {
            const path = [...get().path]
            let level = { nodes: get().nodes, edges: get().edges }
            let last: string | undefined
            while (path.length > depth) {
              const entry = path.pop()!
              level = closeLevel(entry, level.nodes, level.edges, names)
              last = entry.id
            }
            set({ nodes: level.nodes.map((n) => ({ ...n, selected: n.id === last })), edges: level.edges, path })
          },
          undo: () => history().undo(),
          redo: () => history().redo(),
          beginGesture: () => {
            gestureStart = undoable(get())
            history().pause()
          },
          endGesture: () => {
            const t = (store as unknown as { temporal: StoreApi<History> }).temporal
            t.getState().resume()
            const before = gestureStart
            gestureStart = undefined
            if (before && !same(before.nodes, undoable(get()).nodes)) {
              t.setState({ pastStates: [...t.getState().pastStates, before], futureStates: [] })
            }
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
        }
      },
      { partialize: undoable, equality: sameUndoState, limit: 200 },
    ),
  )
}

export type GraphStore = ReturnType<typeof createGraphStore>
