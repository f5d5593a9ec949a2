import { freshId } from '../lib/doc-convert'
import type { FlowNode } from '../lib/flow-types'
import { withParams } from '../lib/nested-params'
import type { GraphSlice } from './graph-state'

/** Edits of one param closer together than this are one undo step. */
const PARAM_BURST_MS = 1000

type EditActions = 'addNode' | 'connect' | 'setParam' | 'setParams' | 'resetParam' | 'setLabel' | 'setTitle' | 'setPositions'

/** Adding nodes and wires; editing params, labels, the title and positions. */
export const editsSlice: GraphSlice<EditActions> = ({ set, get, temporal, allIds }) => {
  let lastParamEdit = { key: '', at: 0 }
  const mapNode = (id: string, edit: (n: FlowNode) => FlowNode) => set({ nodes: get().nodes.map((n) => (n.id === id ? edit(n) : n)) })
  return {
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
      const apply = () => mapNode(id, (n) => ({ ...n, data: { ...n.data, params: { ...n.data.params, [name]: value } } }))
      // Typing into one field is one undo step: later changes of the same burst are not recorded.
      const key = `${id}\u0000${name}`
      const now = Date.now()
      const burst = lastParamEdit.key === key && now - lastParamEdit.at < PARAM_BURST_MS
      lastParamEdit = { key, at: now }
      if (!burst) return apply()
      temporal().getState().pause()
      apply()
      temporal().getState().resume()
    },
    setParams: (edits) => {
      lastParamEdit = { key: '', at: 0 }
      set(withParams({ nodes: get().nodes, path: get().path }, edits))
    },
    resetParam: (id, name) =>
      mapNode(id, (n) => {
        const { [name]: _dropped, ...params } = n.data.params
        return { ...n, data: { ...n.data, params } }
      }),
    setLabel: (id, label) =>
      mapNode(id, (n) => {
        const { label: _old, ...data } = n.data
        return { ...n, data: label.trim() ? { ...data, label } : data }
      }),
    setTitle: (title) => set({ meta: { ...get().meta, title } }),
    setPositions: (positions) =>
      set({ nodes: get().nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) }),
  }
}
