import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import type { GraphDocument } from '../../runtime/document/schema'
import { groupSelection, definedPorts } from '../../runtime/graph/group-edit'
import { describeNode } from '../../runtime/registry'
import { convertDimension, dimensionProblems, kindsFor, newDimension, parseValues, searchTargets, type Dim } from './search-space'

const registry = createRegistry()
const descriptors = new Map(registry.list().map((d) => [d.type, describeNode(d)]))
const example = () => JSON.parse(readFileSync('examples/two-moons-mlp-search.json', 'utf8')) as GraphDocument

describe('the search space form', () => {
  it('offers the nodes upstream of Result, inside groups too, with list params as one path per item and field', () => {
    const doc = example()
    const grouped = { ...doc, ...groupSelection(doc, ['spec', 'opt', 'train'], 'g1', definedPorts(descriptors)) }
    for (const d of [doc, grouped]) {
      const targets = searchTargets(d, 'search', descriptors)
      expect(targets.map((t) => t.id)).toEqual(expect.arrayContaining(['moons', 'split', 'spec', 'opt', 'train', 'predict']))
      expect(targets.map((t) => t.id)).not.toContain('search')
      const spec = targets.find((t) => t.id === 'spec')!
      expect(spec.params.map((p) => p.path)).toEqual(expect.arrayContaining(['layers.0.units', 'layers.0.activation', 'layers.1.dropout']))
      expect(spec.params.find((p) => p.path === 'layers.1.units')).toMatchObject({ title: 'Hidden layers 2: units', value: 16 })
      expect(targets.find((t) => t.id === 'opt')!.params.find((p) => p.path === 'learningRate')!.value).toBe(0.01)
    }
    expect(searchTargets({ ...doc, edges: doc.edges.filter((e) => e.to.node !== 'search') }, 'search', descriptors)).toEqual([])
  })

  it('starts a row from the param, converts between kinds and keeps the JSON schema the document saves', () => {
    const targets = searchTargets(example(), 'search', descriptors)
    const param = (node: string, path: string) => targets.find((t) => t.id === node)!.params.find((p) => p.path === path)!
    const rate = param('opt', 'learningRate')
    expect(kindsFor(rate.schema)).toEqual(['float', 'log', 'list', 'choice'])
    expect(newDimension('opt', rate)).toEqual({ node: 'opt', param: 'learningRate', kind: 'float', min: 0.005, max: 0.02 })
    const units = newDimension('spec', param('spec', 'layers.0.units'))
    expect(units).toEqual({ node: 'spec', param: 'layers.0.units', kind: 'int', min: 8, max: 32 })
    expect(convertDimension(units, 'list', param('spec', 'layers.0.units'))).toEqual({ node: 'spec', param: 'layers.0.units', kind: 'list', values: [8, 32] })
    expect(newDimension('spec', param('spec', 'layers.0.activation'))).toMatchObject({ kind: 'choice', values: expect.arrayContaining(['relu', 'tanh']) })
    expect(newDimension('train', param('train', 'shuffle'))).toEqual({ node: 'train', param: 'shuffle', kind: 'choice', values: [true, false] })
    expect(convertDimension({ node: 'opt', param: 'learningRate', kind: 'float', min: 0, max: 0.1 }, 'log', rate)).toEqual({ node: 'opt', param: 'learningRate', kind: 'log', min: 0.001, max: 0.1 })
  })

  it('says in place what is wrong: bounds, empty lists, values the param refuses, a node or param gone after an edit', () => {
    const doc = example()
    const targets = searchTargets(doc, 'search', descriptors)
    const space = doc.nodes.find((n) => n.id === 'search')!.params.space as Dim[]
    expect(space.map((d) => dimensionProblems(d, targets, space))).toEqual([[], [], []])
    const check = (d: Dim, in_ = targets) => dimensionProblems(d, in_, [d])
    expect(check({ node: 'opt', param: 'learningRate', kind: 'log', min: 0.1, max: 0.001 })).toEqual(['The lowest value 0.1 is above the highest 0.001.'])
    expect(check({ node: 'opt', param: 'learningRate', kind: 'log', min: 0, max: 20 })).toEqual([
      'A log range needs values above 0.',
      'The lowest value 0: Must be greater than 0.',
      'The highest value 20: Must be at most 10.',
    ])
    expect(check({ node: 'spec', param: 'layers.0.units', kind: 'list', values: [] })).toEqual(['Give at least one value.'])
    expect(check({ node: 'spec', param: 'layers.0.activation', kind: 'choice', values: ['relu', 'swish'] })[0]).toMatch(/^swish: /)
    // One hidden layer fewer: the second layer's units no longer exist.
    const oneLayer = structuredClone(doc)
    const spec = oneLayer.nodes.find((n) => n.id === 'spec')!
    spec.params.layers = (spec.params.layers as unknown[]).slice(0, 1)
    expect(check(space[2], searchTargets(oneLayer, 'search', descriptors))).toEqual([
      'Neural network (MLP) has no param “layers.1.units” (any more): pick another param or remove this row.',
    ])
    const noOpt = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'opt'), edges: doc.edges.filter((e) => e.from.node !== 'opt') }
    expect(check(space[0], searchTargets(noOpt, 'search', descriptors))).toEqual([
      'No node “opt” feeds the search\'s Result input any more: pick another node or remove this row.',
    ])
    expect(dimensionProblems(space[0], targets, [space[0], space[0]])).toEqual(['Learning rate is searched twice: remove one row.'])
  })

  it('reads typed value lists by the param type', () => {
    expect(parseValues('0.1, 1e-3,', { type: 'number' })).toEqual({ values: [0.1, 0.001] })
    expect(parseValues('true, false', { type: 'boolean' })).toEqual({ values: [true, false] })
    expect(parseValues('relu, tanh', { type: 'string', enum: ['relu', 'tanh'] })).toEqual({ values: ['relu', 'tanh'] })
    expect(parseValues('4, x', { type: 'integer' })).toEqual({ problem: '“x” is not a number.' })
  })
})
