import type { GraphNode } from '../../runtime/document/schema'
import { MAX_GROUP_DEPTH } from '../../runtime/graph/groups'
import type { FlowNode } from './flow-types'
import type { OpenGroup } from './group-levels'

/** Where nodes live in the editor: the level shown, and the levels above it (groups opened). */
export interface Levels {
  nodes: readonly FlowNode[]
  path: readonly OpenGroup[]
}

/** A node found at any level: its type, params and label. */
export interface FoundNode {
  nodeType: string
  params: Record<string, unknown>
  label?: string
}

/** Params to merge into nodes, by node id (ids are unique across every level of a document). */
export type ParamsById = ReadonlyMap<string, Record<string, unknown>>

function findInGroup(list: readonly GraphNode[], id: string, depth: number): FoundNode | undefined {
  if (depth > MAX_GROUP_DEPTH) return undefined
  for (const n of list) {
    if (n.id === id) return { nodeType: n.type, params: n.params, label: n.label }
    const inner = n.group && findInGroup(n.group.nodes, id, depth + 1)
    if (inner) return inner
  }
  return undefined
}

function findInLevel(nodes: readonly FlowNode[], id: string): FoundNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return { nodeType: n.data.nodeType, params: n.data.params, label: n.data.label }
    const inner = n.data.group && findInGroup(n.data.group.nodes, id, 1)
    if (inner) return inner
  }
  return undefined
}

/**
 * The node `id` wherever it is: on the level shown, inside a group at any depth, or on a level
 * above (the level shown is searched first: an opened group's copy in the level above is stale).
 */
export function findNode(levels: Levels, id: string): FoundNode | undefined {
  const here = findInLevel(levels.nodes, id)
  if (here) return here
  for (let i = levels.path.length - 1; i >= 0; i--) {
    const found = findInLevel(levels.path[i].nodes, id)
    if (found) return found
  }
  return undefined
}

function editGroup(list: GraphNode[], edits: ParamsById, depth: number): GraphNode[] {
  if (depth > MAX_GROUP_DEPTH) return list
  let changed = false
  const out = list.map((n) => {
    let m = n
    const params = edits.get(n.id)
    if (params) m = { ...m, params: { ...m.params, ...params } }
    const inner = n.group && editGroup(n.group.nodes, edits, depth + 1)
    if (n.group && inner !== n.group.nodes) m = { ...m, group: { ...n.group, nodes: inner! } }
    if (m !== n) changed = true
    return m
  })
  return changed ? out : list
}

function editLevel(nodes: FlowNode[], edits: ParamsById): FlowNode[] {
  let changed = false
  const out = nodes.map((n) => {
    let data = n.data
    const params = edits.get(n.id)
    if (params) data = { ...data, params: { ...data.params, ...params } }
    const inner = data.group && editGroup(data.group.nodes, edits, 1)
    if (data.group && inner !== data.group.nodes) data = { ...data, group: { ...data.group, nodes: inner! } }
    if (data === n.data) return n
    changed = true
    return { ...n, data }
  })
  return changed ? out : nodes
}

/**
 * The levels with `edits` merged into their nodes' params, wherever those nodes are: the level
 * shown, groups inside it at any depth, the levels above. Unchanged parts keep their identity.
 */
export function withParams(levels: { nodes: FlowNode[]; path: OpenGroup[] }, edits: ParamsById): { nodes: FlowNode[]; path: OpenGroup[] } {
  const nodes = editLevel(levels.nodes, edits)
  let changed = false
  const path = levels.path.map((entry) => {
    const edited = editLevel(entry.nodes, edits)
    if (edited === entry.nodes) return entry
    changed = true
    return { ...entry, nodes: edited }
  })
  return { nodes, path: changed ? path : levels.path }
}
