import { describe, expect, it } from 'vitest'
import { validateGraph } from '../../runtime/validate/validate'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'

const registry = testRegistry()
const messages = (doc: ReturnType<typeof graph>) => validateGraph(doc, registry).map((d) => `${d.path}: ${d.message}`)

describe('validateGraph', () => {
  it('accepts a valid graph', () => {
    expect(messages(graph([['a', 'test.const'], ['b', 'test.add']], ['a.out->b.a']))).toEqual([])
  })

  it('reports duplicate ids', () => {
    const doc = graph([['a', 'test.const'], ['a', 'test.const']], [])
    doc.edges = [
      { id: 'e', from: { node: 'a', port: 'out' }, to: { node: 'a', port: 'x' } },
      { id: 'e', from: { node: 'a', port: 'out' }, to: { node: 'a', port: 'x' } },
    ]
    const m = messages(doc)
    expect(m).toContain('nodes[1].id: Two nodes have the id "a"; ids must be unique.')
    expect(m).toContain('edges[1].id: Two edges have the id "e"; ids must be unique.')
  })

  it('reports dangling edges and unknown ports', () => {
    const m = messages(graph([['a', 'test.const'], ['b', 'test.add']], ['ghost.out->b.a', 'a.nope->b.a', 'a.out->b.zz']))
    expect(m).toContain('edges[0].from.node: This connection\'s source node "ghost" does not exist.')
    expect(m).toContain('edges[1].from.port: Node "a" (test.const) has no output port "nope"; its outputs are: out.')
    expect(m).toContain('edges[2].to.port: Node "b" (test.add) has no input port "zz"; its inputs are: a, b.')
  })

  it('refuses incompatible port types, following sameAs outputs', () => {
    const m = messages(graph([['t', 'test.table'], ['p', 'test.pass'], ['b', 'test.add']], ['t.data->p.data', 'p.data->b.a']))
    expect(m).toEqual(['edges[1].to: Cannot connect a dataset output to an input that takes metrics.'])
  })

  it('reports a second wire into one input and missing required inputs', () => {
    const m = messages(graph([['a', 'test.const'], ['c', 'test.const'], ['b', 'test.add'], ['lonely', 'test.add']], ['a.out->b.a', 'c.out->b.a']))
    expect(m).toContain('edges[1].to: Input "a" of node "b" already has a connection; an input takes one wire.')
    expect(m).toContain('nodes[3]: Node "lonely" needs its input "a" connected.')
  })

  it('reports invalid and unknown params with their path and reason', () => {
    const m = messages(graph([['b', 'test.add', { offset: 5000, ofset: 1 }], ['a', 'test.const']], ['a.out->b.a']))
    expect(m).toContain('nodes[0].params.offset: Too big: expected number to be <=1000')
    expect(m).toContain('nodes[0].params.ofset: unknown param (known: offset)')
  })

  it('names the nodes of a cycle', () => {
    const m = messages(
      graph([['a', 'test.add'], ['b', 'test.add'], ['c', 'test.add']], ['a.out->b.a', 'b.out->c.a', 'c.out->a.a']),
    )
    expect(m).toEqual(['edges: The graph has a cycle: a → b → c → a. Pipelines must flow one way.'])
  })
})
