import { describe, expect, it } from 'vitest'
import { encodeActual, matrixFor, trainingTable } from './training-table'
import { table } from '../../tests/support/table-testing'

const BOTH = ['classification', 'regression'] as const

describe('training tables', () => {
  it('auto task follows the target type; a numeric target classified becomes sorted value classes', () => {
    const numeric = table({ x: [1, 2, 3, 4], y: [5, 2, 5, 9] }, 'y')
    expect(trainingTable(numeric, 'auto', BOTH).task).toBe('regression')
    const t = trainingTable(numeric, 'classification', BOTH)
    expect(t.classes).toEqual(['2', '5', '9'])
    expect(Array.from(t.y!)).toEqual([1, 0, 1, 2])
    expect(Array.from(encodeActual(table({ x: [0, 0], y: [9, 7] }, 'y'), t.classes)!)).toEqual([2, -1])
  })

  it('auto classifies a target of few integers (0/1/2) with the values as class names, and regresses on fractions', () => {
    const labels = table({ x: [1, 2, 3, 4, 5, 6, 7], y: [2, 0, 1, 2, 0, 1, 2] }, 'y')
    const t = trainingTable(labels, 'auto', BOTH)
    expect(t.task).toBe('classification')
    expect(t.classes).toEqual(['0', '1', '2'])
    expect(Array.from(t.y!)).toEqual([2, 0, 1, 2, 0, 1, 2])
    const prices = table({ x: [1, 2, 3, 4, 5, 6, 7], y: [2, 0, 1, 2, 0, 1, 2.5] }, 'y')
    expect(trainingTable(prices, 'auto', BOTH).task).toBe('regression')
    expect(trainingTable(labels, 'regression', BOTH).task).toBe('regression')
  })

  it('maps class names, not codes, onto the model\'s classes', () => {
    const scored = table({ x: [0, 0], y: ['b', 'a'] }, 'y')
    expect(Array.from(encodeActual(scored, ['a', 'b'])!)).toEqual([1, 0])
  })

  it('explains a categorical target given to a regression, and reorders columns by name', () => {
    const d = table({ x: [1, 2], z: [3, 4], y: ['a', 'b'] }, 'y')
    expect(() => trainingTable(d, 'regression', BOTH)).toThrow(
      'Target "y" is categorical but the model is set to regression: set the model\'s Task to classification or auto, ' +
        'or, if its categories are numbers, make it numeric (Column types "y:numeric" on the data node).',
    )
    expect(Array.from(matrixFor(d, ['z', 'x']).values)).toEqual([3, 1, 4, 2])
  })

  it('a clustering family trains without a target whatever task is chosen', () => {
    const t = trainingTable(table({ x: [1, 2] }), 'auto', ['clustering'])
    expect(t.task).toBe('clustering')
    expect(t.y).toBeUndefined()
  })
})
