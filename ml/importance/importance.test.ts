import { describe, expect, it } from 'vitest'
import { expected, lcg, loadSplit, maxAbsDiff, r2Score } from '../../tests/fixtures/sklearn/load'
import { fitTree } from '../models/tree'
import { predictLinear } from '../linear/centered'
import { fitLeastSquares } from '../linear/least-squares'
import { coefficientImportance, forestImportance, treeImportance } from './impurity'
import { permutationImportance } from './permutation'

describe('impurity importance of a decision tree, against scikit-learn', () => {
  for (const [name, classes] of [['breast_cancer', 2], ['wine', 3], ['diabetes', 0]] as const) {
    it(`${name}: a fully grown tree's importances match DecisionTree*.feature_importances_`, () => {
      const { train } = loadSplit(name, false)
      const all = Int32Array.from({ length: train.rows }, (_, i) => i)
      const tree = fitTree(train.X, train.cols, train.y, all, { classes, maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: train.cols, random: lcg(0) })
      const imp = treeImportance(tree, train.X, train.cols, train.y, all, classes)
      expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
      // Ties between equally good splits are broken by scikit-learn's feature order draw, so the
      // small importances move a little; the large ones agree.
      expect(maxAbsDiff(imp, expected(name).boosting.tree.importances)).toBeLessThan(0.05)
    })
  }

  it('a hand-checked stump: all the Gini decrease goes to the split feature', () => {
    // Two features; feature 1 separates the classes perfectly, feature 0 is constant.
    const X = Float64Array.of(5, 0, 5, 1, 5, 2, 5, 3)
    const y = Float64Array.of(0, 0, 1, 1)
    const stump = { feature: Int32Array.of(1, -1, -1), threshold: Float64Array.of(1.5, 0, 0), left: Int32Array.of(1, -1, -1), right: Int32Array.of(2, -1, -1) }
    expect(Array.from(treeImportance(stump, X, 2, y, [0, 1, 2, 3], 2))).toEqual([0, 1])
    expect(Array.from(forestImportance([Float64Array.of(0, 1), Float64Array.of(0.5, 0.5)], 2))).toEqual([0.25, 0.75])
    expect(Array.from(coefficientImportance(Float64Array.of(1, -2, -3, 0.5), 2))).toEqual([4, 2.5])
  })
})

describe('permutation importance', () => {
  it('LinearRegression on diabetes: means within scikit-learn spread, same top features', () => {
    const { train, test } = loadSplit('diabetes', true)
    const fit = fitLeastSquares(train.X, train.rows, train.cols, train.y)
    const score = (X: Float64Array) => r2Score(test.y, predictLinear(fit, X, test.rows))
    const ours = permutationImportance(score, test.X, test.rows, test.cols, { repeats: 10, random: lcg(0) })
    const ref = expected('diabetes').permutation_linear
    for (let j = 0; j < test.cols; j++) expect(Math.abs(ours.mean[j] - ref.mean[j])).toBeLessThan(3 * ref.std[j] + 0.02)
    const top = (v: ArrayLike<number>) => Array.from(v, (x, j) => [x, j]).sort((a, b) => b[0] - a[0]).slice(0, 2).map((p) => p[1]).sort()
    expect(top(ours.mean)).toEqual(top(ref.mean))
    expect(ours.baseline).toBeCloseTo(expected('diabetes').linear.linear_std.r2, 10)
  })

  it('a feature the model ignores scores exactly 0, and the input is left as it was', () => {
    const X = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 11)
    const copy = Float64Array.from(X)
    const y = Float64Array.from({ length: 20 }, (_, i) => X[i * 2])
    const score = (M: Float64Array) => -y.reduce((s, v, i) => s + (v - M[i * 2]) ** 2, 0)
    const r = permutationImportance(score, X, 20, 2, { repeats: 3, random: lcg(1) })
    expect(r.mean[1]).toBe(0)
    expect(r.std[1]).toBe(0)
    expect(r.mean[0]).toBeGreaterThan(0)
    expect(Array.from(X)).toEqual(Array.from(copy))
  })
})
