import { describe, expect, it } from 'vitest'
import { graph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { validateGraph } from './validate'
import { wireProblem } from './wire-check'

const registry = testRegistry()
const wire = (from: string, to: string) => {
  const [fn, fp] = from.split('.')
  const [tn, tp] = to.split('.')
  return { from: { node: fn, port: fp }, to: { node: tn, port: tp } }
}

describe('wire check', () => {
  const doc = graph(
    [
      ['a', 'test.const', { value: 1 }],
      ['b', 'test.add'],
      ['c', 'test.add'],
    ],
    ['a.out->b.a', 'b.out->c.a'],
  )

  it('gives the validator the same verdict and sentence as a whole-graph check', () => {
    const unknownPort = wireProblem(doc, registry, wire('a.nope', 'b.a'))
    const withWire = { ...doc, edges: [...doc.edges, { id: 'x', from: { node: 'a', port: 'nope' }, to: { node: 'c', port: 'b' } }] }
    const full = validateGraph(withWire, registry).find((d) => d.code === 'unknown-port')
    expect(unknownPort?.code).toBe('unknown-port')
    expect(unknownPort?.message).toBe(full?.message)
  })

  it('refuses incompatible types with the validator sentence, following a pass-through to its source', () => {
    const tables = graph([['t', 'test.table'], ['p', 'test.pass'], ['b', 'test.add']], ['t.data->p.data'])
    expect(wireProblem(tables, registry, wire('p.data', 'b.a'))).toEqual({
      code: 'incompatible-ports',
      message: 'Cannot connect a dataset output to an input that takes metrics.',
    })
    const withWire = { ...tables, edges: [...tables.edges, { id: 'x', from: { node: 'p', port: 'data' }, to: { node: 'b', port: 'a' } }] }
    expect(validateGraph(withWire, registry).find((d) => d.code === 'incompatible-ports')?.message).toBe(
      'Cannot connect a dataset output to an input that takes metrics.',
    )
  })

  it('refuses a loop and a self-wire, naming the cycle', () => {
    expect(wireProblem(doc, registry, wire('c.out', 'a.in'))?.code).toBe('unknown-port')
    expect(wireProblem(doc, registry, wire('c.out', 'b.b'))).toEqual({
      code: 'cycle',
      message: 'The graph has a cycle: b → c → b. Pipelines must flow one way.',
    })
    expect(wireProblem(doc, registry, wire('b.out', 'b.b'))?.code).toBe('cycle')
  })

  it('lets a wire replace the one already in an input', () => {
    expect(wireProblem(doc, registry, wire('a.out', 'c.a'))).toBeUndefined()
  })
})
