import '@tensorflow/tfjs-backend-wasm'
import type { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { Task } from '../../runtime/values/ml'
import { fitContext } from '../../tests/support/fit-context'
import { expected, loadSplit, maxAbsDiff, r2Score, type SetName } from '../../tests/fixtures/sklearn/load'
import type { AnyFamily } from './family'
import { getFamily } from './index'
import type { TrainingTable } from './training-table'

/**
 * Each new family with its DEFAULT config, as a user wires it, against scikit-learn's default
 * model on the same rows (tests/fixtures/sklearn). The algorithms are checked in depth in
 * ml/linear, ml/svm and ml/boosting; this checks that the families pass the defaults through.
 */
beforeAll(() => setupNodeBackend())

const defaults = (f: AnyFamily) => Object.fromEntries(Object.entries(f.config as Record<string, z.ZodType>).map(([k, s]) => [k, s.parse(undefined)]))

function table(name: SetName, standardize: boolean) {
  const { train, test } = loadSplit(name, standardize)
  const task: Task = name === 'diabetes' ? 'regression' : 'classification'
  const classes = task === 'classification' ? Array.from(new Set(train.y), String).sort() : undefined
  const names = Array.from({ length: train.cols }, (_, j) => `x${j}`)
  const t: TrainingTable = { X: { names, values: train.X, rows: train.rows, cols: train.cols }, y: train.y, task, target: 'target', ...(classes ? { classes } : {}) }
  return { t, test, info: { task, features: names, ...(classes ? { classes } : {}) } }
}

async function fitDefault(id: string, name: SetName, standardize: boolean) {
  const f = getFamily(id)
  const { t, test, info } = table(name, standardize)
  const { state } = await f.fit(t, defaults(f), fitContext())
  return { f, state, out: f.predict(state, test.X, test.rows, info), test }
}

describe('new families with default params match scikit-learn defaults', () => {
  it('linear regression (no loss or optimizer wired) is LinearRegression: same test R²', async () => {
    const { out, test } = await fitDefault('linear-regression', 'diabetes', false)
    const ref = expected('diabetes').linear.linear
    // Stored as a float32 one-layer network, so predictions agree to float32 precision.
    expect(maxAbsDiff(out.predicted, ref.predictions)).toBeLessThan(1e-3)
    expect(r2Score(test.y, out.predicted)).toBeCloseTo(ref.r2, 5)
  })

  for (const [id, key] of [['ridge', 'ridge'], ['lasso', 'lasso'], ['elastic-net', 'elastic_net']] as const) {
    it(`${id} is scikit-learn's ${key} with its defaults: same predictions`, async () => {
      const { out } = await fitDefault(id, 'diabetes', true)
      expect(maxAbsDiff(out.predicted, expected('diabetes').linear[key].predictions)).toBeLessThan(1e-6)
    })
  }

  it('logistic regression (no loss or optimizer wired) is LogisticRegression(C=1): same probabilities and accuracy', async () => {
    for (const name of ['breast_cancer', 'wine', 'iris'] as const) {
      const { out, test } = await fitDefault('logistic-regression', name, true)
      const ref = expected(name).logistic.optimum
      expect(maxAbsDiff(out.probabilities!, ref.proba)).toBeLessThan(1e-5)
      expect(out.predicted.reduce((s, v, i) => s + (v === test.y[i] ? 1 : 0), 0) / test.rows).toBe(ref.accuracy)
    }
  })

  it('linear SVM (no loss or optimizer wired) is LinearSVC(): same predictions; linear SVR is LinearSVR(): test R² within 0.005', async () => {
    for (const name of ['breast_cancer', 'wine', 'iris'] as const) {
      const { out } = await fitDefault('linear-svm', name, true)
      expect(Array.from(out.predicted)).toEqual(expected(name).linear_svm.predictions)
      expect(maxAbsDiff(out.scores!, expected(name).linear_svm.decision)).toBeLessThan(1e-3)
    }
    const { out, test } = await fitDefault('linear-svr', 'diabetes', true)
    expect(Math.abs(r2Score(test.y, out.predicted) - expected('diabetes').linear_svm.score)).toBeLessThan(0.005)
  })

  it('SVM is SVC(): same predictions; SVR is SVR(): same predictions', async () => {
    for (const name of ['breast_cancer', 'wine', 'iris'] as const) {
      const { out } = await fitDefault('svm', name, true)
      expect(Array.from(out.predicted)).toEqual(expected(name).svm.rbf.predictions)
    }
    const { out } = await fitDefault('svr', 'diabetes', true)
    expect(maxAbsDiff(out.predicted, expected('diabetes').svm.rbf.predictions)).toBeLessThan(1e-6)
  })

  it('gradient boosting is GradientBoosting*(): test score within 0.01, importances within 0.02', async () => {
    for (const name of ['diabetes', 'breast_cancer', 'wine'] as const) {
      const { f, state, out, test } = await fitDefault('gradient-boosting', name, false)
      const ref = expected(name).boosting.gb
      const score = name === 'diabetes' ? r2Score(test.y, out.predicted) : out.predicted.reduce((s, v, i) => s + (v === test.y[i] ? 1 : 0), 0) / test.rows
      expect(Math.abs(score - ref.score)).toBeLessThanOrEqual(0.01)
      expect(maxAbsDiff(f.featureImportance!(state, []), ref.importances)).toBeLessThan(0.02)
    }
  })

  it('histogram gradient boosting is HistGradientBoosting*(): same test predictions', async () => {
    for (const name of ['diabetes', 'breast_cancer', 'wine'] as const) {
      const { out } = await fitDefault('hist-gradient-boosting', name, false)
      const ref = expected(name).boosting.hist.predictions
      if (name === 'diabetes') expect(maxAbsDiff(out.predicted, ref)).toBeLessThan(1e-9)
      else expect(Array.from(out.predicted)).toEqual(ref)
    }
  })
})
