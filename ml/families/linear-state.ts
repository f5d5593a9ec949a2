import { predictLinear, type LinearFit } from '../linear/centered'
import { coefficientImportance } from '../importance/impurity'
import type { MatrixPredictions } from './family'
import { stateReader } from './state-check'

/** Fitted state of the exactly solved linear regressors (ridge, lasso, elastic net): y = intercept + X · coef. */
export type LinearState = LinearFit

export const linearParts = (title: string) => ({
  predict: (s: LinearState, X: Float64Array, rows: number): MatrixPredictions => ({ predicted: predictLinear(s, X, rows) }),
  serialize: (s: LinearState) => ({ coef: s.coef, intercept: s.intercept }),
  deserialize(v: Record<string, unknown>): LinearState {
    const r = stateReader(title, v)
    return { coef: r.f64('coef'), intercept: r.number('intercept') }
  },
  /** Coefficient magnitudes: comparable between features only when they share a scale (standardize first). */
  featureImportance: (s: LinearState) => coefficientImportance(s.coef, s.coef.length),
})

/** The summary every linear fit reports. */
export function linearSummary(s: LinearState, extra: Record<string, unknown> = {}): Record<string, unknown> {
  let nonZero = 0
  for (const c of s.coef) if (c !== 0) nonZero++
  return { nonZeroCoefficients: nonZero, intercept: s.intercept, ...extra }
}
