import { describe, expect, it } from 'vitest'
import { describeNode } from '../../runtime/registry'
import { testRegistry } from '../../tests/support/test-nodes'
import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { Registry } from '../../runtime/registry'
import { outputTypes, wireProblem } from './connections'
import { nodePorts } from './port-view'
import type { FlowEdge, FlowNode } from './flow-types'

const tableSource = defineNode({
  type: 'x.table', version: 1, category: 'test', title: 'Table', description: '', inputs: {}, outputs: { data: port.dataset() }, params: {}, run: () => ({}),
})
const splitter = defineNode({
  type: 'x.split', version: 1, category: 'test', title: 'Split', description: '', inputs: { data: port.dataset() }, outputs: { data: port.splits() }, params: {}, run: () => ({}),
})
const scaler = defineNode({
  type: 'x.scale', version: 1, category: 'test', title: 'Scale', description: '', inputs: { data: port.datasetOrSplits() }, outputs: { data: port.sameAs('data') }, params: {}, run: () => ({}),
})
const registry = new Registry([...testRegistry().list(), tableSource, splitter, scaler])
const descriptors = new Map(registry.list().map((d) => [d.type, describeNode(d)]))
const node = (id: string, nodeType: string): FlowNode => ({ id, type: 'pipeline', position: { x: 0, y: 0 }, data: { nodeType, params: {} } })
const edge = (source: string, target: string, port = 'data'): FlowEdge => ({ id: `${source}-${target}`, source, sourceHandle: port, target, targetHandle: port })

describe('wire checks', () => {
  const nodes = [node('t', 'x.table'), node('s', 'x.split'), node('k', 'x.scale'), node('k2', 'x.split'), node('m', 'test.const')]

  it('a sameAs output carries what its input receives', () => {
    expect(outputTypes({ nodes, edges: [], descriptors }, 'k', 'data')).toEqual(['dataset', 'splits'])
    expect(outputTypes({ nodes, edges: [edge('t', 's'), edge('s', 'k')], descriptors }, 'k', 'data')).toEqual(['splits'])
  })

  it('refuses incompatible types, loops and self-wires in the validator\'s words; a wire into a taken input replaces it', () => {
    const g = { nodes, edges: [edge('t', 's'), edge('s', 'k')], descriptors }
    const w = (source: string, sourceHandle: string, target: string, targetHandle: string) => wireProblem(g, { source, sourceHandle, target, targetHandle })
    expect(w('t', 'data', 'k', 'data')).toBeUndefined()
    // Scaled splits cannot feed a node that takes a plain table.
    expect(w('k', 'data', 'k2', 'data')).toBe('Cannot connect a splits output to an input that takes dataset.')
    expect(w('m', 'out', 'k2', 'data')).toBe('Cannot connect a metrics output to an input that takes dataset.')
    expect(w('k', 'data', 'k', 'data')).toBe('The graph has a cycle: k → k. Pipelines must flow one way.')
    expect(w('t', 'data', 'k2', 'data')).toBeUndefined()
  })

  it('refuses a wire that closes a loop', () => {
    const adders = [node('a', 'test.add'), node('b', 'test.add')]
    const g = { nodes: adders, edges: [{ id: 'e', source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'a' }], descriptors }
    expect(wireProblem(g, { source: 'b', sourceHandle: 'out', target: 'a', targetHandle: 'a' })).toBe('The graph has a cycle: a → b → a. Pipelines must flow one way.')
  })

  it('lists required inputs without a wire, not optional ones', () => {
    expect(nodePorts([node('a', 'test.add')], [], descriptors, 'a').missing).toEqual(['a'])
  })

  it('works for nodes and ports named after Object.prototype members (ids come from documents)', () => {
    const ids = ['__proto__', 'constructor', 'toString']
    const chain = [node(ids[0], 'x.table'), node(ids[1], 'x.scale'), node(ids[2], 'x.scale')]
    const g = { nodes: chain, edges: [edge('__proto__', 'constructor'), edge('constructor', 'toString')], descriptors }
    expect(outputTypes(g, 'toString', 'data')).toEqual(['dataset'])
    expect(outputTypes(g, 'toString', 'constructor')).toEqual([])
    expect(wireProblem(g, { source: 'toString', sourceHandle: 'data', target: 'constructor', targetHandle: 'data' })).toBe(
      'The graph has a cycle: constructor → toString → constructor. Pipelines must flow one way.',
    )
    expect(wireProblem(g, { source: '__proto__', sourceHandle: 'constructor', target: 'toString', targetHandle: 'data' })).toMatch(
      /^Node "__proto__" \(x\.table\) has no output port "constructor"/,
    )
    expect(wireProblem(g, { source: '__proto__', sourceHandle: 'data', target: 'toString', targetHandle: '__proto__' })).toMatch(/has no input port "__proto__"/)
    expect(nodePorts([node('__proto__', 'x.split')], [], descriptors, '__proto__').missing).toEqual(['data'])
    expect(nodePorts(chain, g.edges, descriptors, 'toString').missing).toEqual([])
    expect(nodePorts(chain, g.edges, descriptors, 'toString').outputs.get('data')).toEqual(['dataset'])
  })
})
