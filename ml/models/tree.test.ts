import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../runtime/exec/rng'
import { fitTree, predictTrees } from './tree'

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i)
const opts = { classes: 0, maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 1, random: seededRandom(0) }

describe('CART trees (hand-checked)', () => {
  it('a regression stump splits halfway between the steps and predicts each side\'s mean', () => {
    const X = Float64Array.from([1, 2, 3, 4])
    const t = fitTree(X, 1, Float64Array.from([0, 0, 10, 12]), all(4), { ...opts, maxDepth: 1 })
    expect(t.threshold[0]).toBe(2.5)
    expect(Array.from(predictTrees([t], Float64Array.from([0, 2.5, 2.6, 9]), 1, 4))).toEqual([0, 0, 11, 11])
  })

  it('respects the minimum leaf size and stops on pure nodes', () => {
    const X = Float64Array.from([1, 2, 3, 4, 5])
    const y = Float64Array.from([0, 1, 1, 1, 1])
    const t = fitTree(X, 1, y, all(5), { ...opts, classes: 2, minSamplesLeaf: 2 })
    // The pure split at 1.5 would leave one row; the best allowed one is 2.5 ([0, 1] | [1, 1, 1]).
    expect(t.threshold[0]).toBe(2.5)
    expect(Array.from(t.value.subarray(t.right[0] * 2, t.right[0] * 2 + 2))).toEqual([0, 1])
    expect(t.feature[t.right[0]]).toBe(-1)
  })

  it('never splits rows with identical features', () => {
    const t = fitTree(Float64Array.from([1, 1, 1]), 1, Float64Array.from([0, 1, 0]), all(3), { ...opts, classes: 2 })
    expect(t.feature.length).toBe(1)
    expect(t.value[1]).toBeCloseTo(1 / 3, 12)
  })
})
