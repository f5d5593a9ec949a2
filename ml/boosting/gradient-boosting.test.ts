import { describe, expect, it } from 'vitest'
import { expected, lcg, loadSplit, maxAbsDiff, r2Score } from '../../tests/fixtures/sklearn/load'
import { BOOSTING_DEFAULTS, fitBoosting, predictBoosting } from './gradient-boosting'

/** R² for regression, accuracy of the highest of each row's class scores otherwise. */
function score(predictions: Float64Array, y: Float64Array, classes: number): number {
  if (!classes) return r2Score(y, predictions)
  let correct = 0
  for (let i = 0; i < y.length; i++) {
    let best = 0
    for (let c = 1; c < classes; c++) if (predictions[i * classes + c] > predictions[i * classes + best]) best = c
    correct += best === y[i] ? 1 : 0
  }
  return correct / y.length
}

describe('gradient boosting against scikit-learn (default params, raw features, same split)', () => {
  for (const name of ['diabetes', 'breast_cancer', 'wine', 'iris'] as const) {
    it(`${name}: test score within 0.01, training loss and feature importances close`, async () => {
      const { train, test } = loadSplit(name, false)
      const classes = name === 'diabetes' ? 0 : new Set(train.y).size
      const { state, trainLoss, stages } = await fitBoosting(train, train.cols, classes, BOOSTING_DEFAULTS, { random: lcg(0) })
      expect(stages).toBe(100)
      const ref = expected(name).boosting.gb
      expect(Math.abs(score(predictBoosting(state, test.X, test.rows), test.y, classes) - ref.score)).toBeLessThanOrEqual(0.01)
      expect(trainLoss).toBeCloseTo(ref.train_score_last, classes ? 3 : 0)
      expect(maxAbsDiff(state.importance, ref.importances)).toBeLessThan(0.02)
    })
  }

  it('stops early when the validation loss stops improving', async () => {
    const { train, test } = loadSplit('breast_cancer', false)
    const r = await fitBoosting(train, train.cols, 2, { ...BOOSTING_DEFAULTS, nEstimators: 500, nIterNoChange: 5 }, { random: lcg(0), validation: test })
    expect(r.stages).toBeLessThan(500)
    expect(r.state.trees.length).toBe(r.stages)
  })
})
