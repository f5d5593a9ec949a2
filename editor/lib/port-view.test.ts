import { describe, expect, it } from 'vitest'
import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { describeNode, Registry } from '../../runtime/registry'
import type { FlowEdge, FlowNode } from './flow-types'
import { nodePorts, portView } from './port-view'

const table = defineNode({
  type: 'x.table', version: 1, category: 'test', title: 'Table', description: '', inputs: {}, outputs: { data: port.dataset() }, params: {}, run: () => ({}),
})
const split = defineNode({
  type: 'x.split', version: 1, category: 'test', title: 'Split', description: '', inputs: { data: port.dataset() }, outputs: { data: port.splits() }, params: {}, run: () => ({}),
})
const scale = defineNode({
  type: 'x.scale', version: 1, category: 'test', title: 'Scale', description: '', inputs: { data: port.datasetOrSplits(), extra: port.dataset({ optional: true }) }, outputs: { data: port.sameAs('data') }, params: {}, run: () => ({}),
})
const descriptorsOf = () => new Map(new Registry([table, split, scale]).list().map((d) => [d.type, describeNode(d)]))
const node = (id: string, nodeType: string, x = 0): FlowNode => ({ id, type: 'pipeline', position: { x, y: 0 }, data: { nodeType, params: {} } })
const edge = (source: string, target: string, handle = 'data'): FlowEdge => ({ id: `${source}-${target}`, source, sourceHandle: 'data', target, targetHandle: handle })

describe('port facts per node', () => {
  const nodes = [node('t', 'x.table'), node('s', 'x.split'), node('k', 'x.scale'), node('lone', 'x.scale')]
  const edges = [edge('t', 's'), edge('s', 'k')]

  it('follows a sameAs output through the wiring and lists required inputs without a wire', () => {
    const view = portView(nodes, edges, descriptorsOf())
    expect(view.get('k')!.outputs.get('data')).toEqual(['splits'])
    expect(view.get('lone')!.outputs.get('data')).toEqual(['dataset', 'splits'])
    expect(view.get('lone')!.missing).toEqual(['data'])
    expect(view.get('k')!.missing).toEqual([])
    expect(view.get('s')!.wiredIn).toEqual(['data'])
    expect(view.get('s')!.wiredOut).toEqual(['data'])
  })

  it('is computed once for a drag: moved positions reuse the same facts', () => {
    const descriptors = descriptorsOf()
    const first = portView(nodes, edges, descriptors)
    const moved = nodes.map((n) => (n.id === 's' ? { ...n, position: { x: 300, y: 40 } } : n))
    expect(portView(moved, edges, descriptors)).toBe(first)
    // A changed param is new data: computed again.
    const edited = nodes.map((n) => (n.id === 's' ? { ...n, data: { ...n.data, params: { seed: 2 } } } : n))
    expect(portView(edited, edges, descriptors)).not.toBe(first)
  })

  it('a new wire gives new facts only to the nodes it changes', () => {
    const descriptors = descriptorsOf()
    const before = portView(nodes, edges, descriptors)
    // The cards on screen read their facts (each is worked out when first asked).
    for (const n of nodes) before.get(n.id)
    const after = portView(nodes, [...edges, edge('t', 'lone')], descriptors)
    expect(after.get('lone')!.missing).toEqual([])
    expect(after.get('lone')!.outputs.get('data')).toEqual(['dataset'])
    expect(after.get('lone')).not.toBe(before.get('lone'))
    expect(after.get('k')).toBe(before.get('k'))
    expect(after.get('s')).toBe(before.get('s'))
    // `t` now feeds two wires from one port: its wired outputs are unchanged.
    expect(after.get('t')).toBe(before.get('t'))
  })

  it('keeps wired ports of a node whose type is unknown, and answers for ids named like Object members', () => {
    const odd = [node('__proto__', 'x.table'), node('constructor', 'gone.type')]
    const wires: FlowEdge[] = [{ id: 'e', source: '__proto__', sourceHandle: 'data', target: 'constructor', targetHandle: 'input' }]
    const descriptors = descriptorsOf()
    expect(nodePorts(odd, wires, descriptors, 'constructor')).toMatchObject({ wiredIn: ['input'], missing: [] })
    expect(nodePorts(odd, wires, descriptors, '__proto__').outputs.get('data')).toEqual(['dataset'])
    expect(nodePorts(odd, wires, descriptors, 'toString').outputs.size).toBe(0)
  })
})
