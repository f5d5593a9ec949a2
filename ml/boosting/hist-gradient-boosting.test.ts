import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../runtime/values/random'
import { expected, loadSplit, maxAbsDiff } from '../../tests/fixtures/sklearn/load'
import { boostingRaw } from './gradient-boosting'
import { AUTO_EARLY_STOPPING_ROWS, fitHistBoosting, HIST_DEFAULTS } from './hist-gradient-boosting'

/** Raw scores with each row's mean over classes removed: softmax does not see a shift shared by all classes. */
function centered(raw: ArrayLike<number>, k: number): Float64Array {
  const out = Float64Array.from(raw)
  if (k < 3) return out
  for (let i = 0; i < out.length; i += k) {
    let m = 0
    for (let c = 0; c < k; c++) m += out[i + c] / k
    for (let c = 0; c < k; c++) out[i + c] -= m
  }
  return out
}

describe('HistGradientBoosting against scikit-learn (raw features, default params)', () => {
  for (const name of ['diabetes', 'breast_cancer', 'wine', 'iris'] as const) {
    it(`${name}: the raw scores of HistGradientBoosting*() and its predictions`, async () => {
      const { train, test } = loadSplit(name, false)
      const classes = name === 'diabetes' ? 0 : new Set(train.y).size
      const ref = expected(name).boosting.hist
      const r = await fitHistBoosting(train, train.cols, classes, HIST_DEFAULTS, { random: seededRandom(0) })
      expect(r.iterations).toBe(ref.n_iter)
      const raw = boostingRaw(r.state, test.X, test.rows)
      // The same trees, so the same scores up to summation order (a tree whose root cannot split adds 0,
      // as scikit-learn's root value: without that, iris and wine drifted by 0.28 and 0.03 from there on).
      const tol = 1e-9
      expect(maxAbsDiff(centered(raw, classes), centered(ref.raw, classes))).toBeLessThan(tol)
      const predicted = classes
        ? Array.from({ length: test.rows }, (_, i) => {
            if (classes === 2) return raw[i] > 0 ? 1 : 0
            let best = 0
            for (let c = 1; c < classes; c++) if (raw[i * classes + c] > raw[i * classes + best]) best = c
            return best
          })
        : Array.from(raw)
      if (classes) expect(predicted).toEqual(ref.predictions)
      else expect(maxAbsDiff(predicted, ref.predictions)).toBeLessThan(1e-9)
    })
  }

  it(`early stopping (on above ${AUTO_EARLY_STOPPING_ROWS} rows with 'auto'; forced here) holds out 10 % and stops when the validation loss stalls`, async () => {
    const { train } = loadSplit('breast_cancer', false)
    const r = await fitHistBoosting(train, train.cols, 2, { ...HIST_DEFAULTS, earlyStopping: 'on' }, { random: seededRandom(0) })
    expect(r.heldOut).toBe(46)
    expect(r.iterations).toBeLessThan(100)
    const val = r.history.map((h) => h.valLoss!)
    // Stopped because none of the last 10 beat the loss 10 iterations before them by 1e-7.
    const reference = val.length >= 11 ? val[val.length - 11] : Infinity
    expect(val.slice(-10).every((v) => v >= reference - 1e-7)).toBe(true)
    const again = await fitHistBoosting(train, train.cols, 2, { ...HIST_DEFAULTS, earlyStopping: 'on' }, { random: seededRandom(0) })
    expect(again.history).toEqual(r.history)
  })
})
