import { describe, expect, it } from 'vitest'
import { expected, loadSplit, maxAbsDiff, r2Score } from '../../tests/fixtures/sklearn/load'
import { predictLinear } from './centered'
import { ELASTIC_NET_DEFAULTS, fitElasticNet, LASSO_DEFAULTS } from './elastic-net'
import { fitLeastSquares, fitRidge } from './least-squares'
import { fitLogistic, LOGISTIC_DEFAULTS, predictLogistic } from './logistic'

describe('regression solvers against scikit-learn (diabetes, 80/20 split)', () => {
  const ref = expected('diabetes').linear
  const raw = loadSplit('diabetes', false)
  const std = loadSplit('diabetes', true)
  const cases = [
    ['LinearRegression, raw features', 'linear', raw, (d: typeof raw) => fitLeastSquares(d.train.X, d.train.rows, d.train.cols, d.train.y)],
    ['LinearRegression, standardized', 'linear_std', std, (d: typeof raw) => fitLeastSquares(d.train.X, d.train.rows, d.train.cols, d.train.y)],
    ['Ridge(alpha=1)', 'ridge', std, (d: typeof raw) => fitRidge(d.train.X, d.train.rows, d.train.cols, d.train.y, 1)],
    ['Lasso()', 'lasso', std, (d: typeof raw) => fitElasticNet(d.train.X, d.train.rows, d.train.cols, d.train.y, LASSO_DEFAULTS)],
    ['ElasticNet()', 'elastic_net', std, (d: typeof raw) => fitElasticNet(d.train.X, d.train.rows, d.train.cols, d.train.y, ELASTIC_NET_DEFAULTS)],
    ['Lasso(alpha=0.1), raw features', 'lasso_raw', raw, (d: typeof raw) => fitElasticNet(d.train.X, d.train.rows, d.train.cols, d.train.y, { ...LASSO_DEFAULTS, alpha: 0.1 })],
  ] as const
  for (const [title, key, data, fit] of cases) {
    it(`${title}: coefficients, intercept, test R² and predictions`, () => {
      const f = fit(data)
      const scale = Math.max(...ref[key].coef.map(Math.abs))
      expect(maxAbsDiff(f.coef, ref[key].coef) / scale).toBeLessThan(1e-6)
      expect(f.intercept).toBeCloseTo(ref[key].intercept, 6)
      const p = predictLinear(f, data.test.X, data.test.rows)
      expect(maxAbsDiff(p, ref[key].predictions)).toBeLessThan(1e-6 * 150)
      expect(r2Score(data.test.y, p)).toBeCloseTo(ref[key].r2, 8)
    })
  }

  it('lasso stops after as many sweeps as scikit-learn', () => {
    const d = std.train
    expect(fitElasticNet(d.X, d.rows, d.cols, d.y, LASSO_DEFAULTS).iterations).toBe(ref.lasso.n_iter)
    expect(fitElasticNet(d.X, d.rows, d.cols, d.y, ELASTIC_NET_DEFAULTS).iterations).toBe(ref.elastic_net.n_iter)
  })

  it('records the lasso objective per sweep, never rising', () => {
    const d = std.train
    const f = fitElasticNet(d.X, d.rows, d.cols, d.y, LASSO_DEFAULTS)
    expect(f.trace).toHaveLength(f.iterations)
    for (let i = 1; i < f.trace.length; i++) expect(f.trace[i]).toBeLessThanOrEqual(f.trace[i - 1] + 1e-9)
    const p = predictLinear(f, d.X, d.rows)
    const l1 = f.coef.reduce((s, w) => s + Math.abs(w), 0)
    expect(f.trace[f.trace.length - 1]).toBeCloseTo(d.y.reduce((s, v, i) => s + (v - p[i]) ** 2, 0) / (2 * d.rows) + l1, 6)
  })

  it('a duplicated column is dropped by least squares, with the same predictions', () => {
    const d = std.train
    const cols = d.cols + 1
    const X = new Float64Array(d.rows * cols)
    for (let i = 0; i < d.rows; i++) {
      X.set(d.X.subarray(i * d.cols, (i + 1) * d.cols), i * cols)
      X[i * cols + d.cols] = 2 * d.X[i * d.cols]
    }
    const f = fitLeastSquares(X, d.rows, cols, d.y)
    expect(f.rank).toBe(d.cols)
    expect(maxAbsDiff(predictLinear(f, X, d.rows), predictLinear(fitLeastSquares(d.X, d.rows, d.cols, d.y), d.X, d.rows))).toBeLessThan(1e-8)
  })
})

describe('logistic regression against scikit-learn (standardized features, lbfgs)', () => {
  for (const name of ['breast_cancer', 'wine', 'iris'] as const) {
    it(`${name}: coefficients at the optimum to 1e-6, same test accuracy and probabilities`, () => {
      const { train, test } = loadSplit(name, true)
      const classes = new Set(train.y).size
      const ref = expected(name).logistic
      for (const [key, C] of [['default', 1], ['optimum', 1], ['c01', 0.1]] as const) {
        const { state, converged } = fitLogistic(train.X, train.rows, train.cols, train.y, classes, { ...LOGISTIC_DEFAULTS, C })
        expect(converged).toBe(true)
        // scikit-learn's default lbfgs run stops up to 4e-4 short of the optimum in a coefficient
        // (5e-5 in a probability); its Newton-CG run at tol 1e-10 is the optimum itself.
        const [coefTol, probTol] = key === 'default' ? [5e-4, 5e-5] : [1e-6, 1e-7]
        expect(maxAbsDiff(state.coef, ref[key].coef)).toBeLessThan(coefTol)
        expect(maxAbsDiff(state.intercept, ref[key].intercept)).toBeLessThan(coefTol)
        const proba = predictLogistic(state, test.X, test.rows)
        expect(maxAbsDiff(proba, ref[key].proba)).toBeLessThan(probTol)
        let correct = 0
        for (let i = 0; i < test.rows; i++) {
          let best = 0
          for (let c = 1; c < classes; c++) if (proba[i * classes + c] > proba[i * classes + best]) best = c
          correct += best === test.y[i] ? 1 : 0
        }
        expect(correct / test.rows).toBe(ref[key].accuracy)
      }
    })
  }

  it('records the objective per L-BFGS iteration: never rising, ending at the mean log loss + penalty of the solution', () => {
    const { train } = loadSplit('breast_cancer', true)
    const r = fitLogistic(train.X, train.rows, train.cols, train.y, 2, LOGISTIC_DEFAULTS)
    expect(r.trace).toHaveLength(r.iterations + 1)
    for (let i = 1; i < r.trace.length; i++) expect(r.trace[i]).toBeLessThanOrEqual(r.trace[i - 1])
    const p = predictLogistic(r.state, train.X, train.rows)
    let loss = 0
    for (let i = 0; i < train.rows; i++) loss -= Math.log(p[2 * i + train.y[i]]) / train.rows
    const penalty = r.state.coef.reduce((s, w) => s + w * w, 0) / (2 * train.rows)
    expect(r.trace[r.trace.length - 1]).toBeCloseTo(loss + penalty, 10)
  })

  it('refuses one class and a non-positive C', () => {
    expect(() => fitLogistic(new Float64Array(2), 2, 1, new Float64Array(2), 1, LOGISTIC_DEFAULTS)).toThrow(/two classes/)
    expect(() => fitLogistic(new Float64Array(2), 2, 1, Float64Array.of(0, 1), 2, { ...LOGISTIC_DEFAULTS, C: 0 })).toThrow(/C must be > 0/)
  })
})
