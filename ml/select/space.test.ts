import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../runtime/values/random'
import { assign, checkSpace, fromUnit, gridPoint, gridSize, gridValues, overridesFor, randomPoint, toUnit, type Dimension } from './space'

const space: Dimension[] = [
  { node: 'opt', param: 'learningRate', kind: 'log', min: 0.001, max: 0.1, steps: 3 },
  { node: 'spec', param: 'layers.0.units', kind: 'int', min: 8, max: 32, step: 8 },
  { node: 'spec', param: 'layers.0.activation', kind: 'choice', values: ['relu', 'tanh'] },
]

describe('search space', () => {
  it('enumerates grids: log ranges evenly in the logarithm, int ranges by step, last dimension fastest', () => {
    expect(gridValues(space[0])).toEqual([0.001, 0.01, 0.1])
    expect(gridValues(space[1])).toEqual([8, 16, 24, 32])
    expect(gridValues({ node: 'a', param: 'b', kind: 'float', min: 0, max: 1, steps: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(gridSize(space)).toBe(24)
    expect(gridPoint(space, 0)).toEqual([0.001, 8, 'relu'])
    expect(gridPoint(space, 1)).toEqual([0.001, 8, 'tanh'])
    expect(gridPoint(space, 2)).toEqual([0.001, 16, 'relu'])
    expect(gridPoint(space, 23)).toEqual([0.1, 32, 'tanh'])
    expect(gridPoint(space, 24)).toBeUndefined()
  })

  it('draws random points inside every range, log ranges uniform in the logarithm', () => {
    const random = seededRandom(3)
    const draws = Array.from({ length: 2000 }, () => randomPoint(space, random))
    for (const [lr, units, act] of draws) {
      expect(lr).toBeGreaterThanOrEqual(0.001)
      expect(lr).toBeLessThanOrEqual(0.1)
      expect([8, 16, 24, 32]).toContain(units)
      expect(['relu', 'tanh']).toContain(act)
    }
    const belowMiddle = draws.filter(([lr]) => (lr as number) < 0.01).length / draws.length
    expect(belowMiddle).toBeGreaterThan(0.45)
    expect(belowMiddle).toBeLessThan(0.55)
    expect(fromUnit(space[0], toUnit(space[0], 0.02))).toBeCloseTo(0.02, 9)
  })

  it('writes a field of a list param without touching the original, combining fields of one node', () => {
    const layers = [{ units: 16, activation: 'relu' }, { units: 4, activation: 'relu' }]
    const params = { layers, dropout: 0 }
    expect(assign(params, 'layers.1.units', 64)).toEqual({ layers: [{ units: 16, activation: 'relu' }, { units: 64, activation: 'relu' }] })
    expect(layers[1].units).toBe(4)
    const over = overridesFor(space, [0.01, 24, 'tanh'], (id) => (id === 'spec' ? params : id === 'opt' ? { learningRate: 0.5 } : undefined))
    expect(over.get('opt')).toEqual({ learningRate: 0.01 })
    expect(over.get('spec')).toEqual({ layers: [{ units: 24, activation: 'tanh' }, { units: 4, activation: 'relu' }] })
    expect(() => assign(params, 'layers.7.units', 1)).toThrow('Param path "layers.7.units" does not exist (at "layers.7").')
    expect(() => assign(params, '__proto__', 1)).toThrow('not a param path')
    expect(() => overridesFor(space, [0.01, 8, 'relu'], () => undefined)).toThrow('no node "opt" upstream')
  })

  it('says what is wrong with a space', () => {
    expect(checkSpace(space)).toEqual([])
    expect(
      checkSpace([
        { node: 'a', param: 'x', kind: 'log', min: 0, max: 1 },
        { node: 'a', param: 'x', kind: 'list', values: [] },
        { node: 'a', param: 'constructor', kind: 'int', min: 1.5, max: 3 },
        { node: 'a', param: 'y', kind: 'float', min: 2, max: 1 },
      ]),
    ).toEqual([
      'Search dimension 1 (a.x): a log range needs min > 0 (got 0).',
      'Search dimension 2 (a.x) appears twice.',
      'Search dimension 2 (a.x) has no values.',
      'Search dimension 3 (a.constructor): "constructor" is not a param path.',
      'Search dimension 3 (a.constructor): an int range needs whole min, max and step ≥ 1.',
      'Search dimension 4 (a.y): min 2 must not exceed max 1.',
    ])
  })
})
