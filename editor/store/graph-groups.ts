import { groupSelection, ungroupNode, type Level } from '../../runtime/graph/group-edit'
import { docToFlow, flowToDoc, freshId } from '../lib/doc-convert'
import { closeLevel, openLevel, type OpenGroup } from '../lib/group-levels'
import type { GraphSlice } from './graph-state'

const showLevel = (level: Level, selected: ReadonlySet<string>) => docToFlow(level).nodes.map((n) => ({ ...n, selected: selected.has(n.id) }))

/** Grouping and ungrouping the selection; opening a group and going back up. */
export const groupsSlice: GraphSlice<'groupSelected' | 'ungroupSelected' | 'enterGroup' | 'leaveTo'> = ({ set, get, allIds }) => ({
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
})
