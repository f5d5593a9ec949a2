/**
 * Regression metrics with scikit-learn's definitions, including its `force_finite`
 * convention for R² and explained variance: when the true values are constant the ratio is
 * undefined, so the score is 1.0 for perfect predictions and 0.0 otherwise.
 */

export interface RegressionScores {
  mse: number
  rmse: number
  mae: number
  /** Undefined for fewer than two rows (sklearn returns NaN with a warning). */
  r2?: number
  explainedVariance?: number
}

const mean = (a: ArrayLike<number>) => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]
  return s / a.length
}

/** 1 − num/den with sklearn's force_finite rule for zero numerators and denominators. */
function oneMinusRatio(num: number, den: number): number {
  if (num === 0) return 1
  if (den === 0) return 0
  return 1 - num / den
}

export function regressionScores(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionScores {
  const n = actual.length
  const yMean = mean(actual)
  const residuals = Array.from({ length: n }, (_, i) => actual[i] - predicted[i])
  const resMean = mean(residuals)
  let ssRes = 0
  let absSum = 0
  let ssTot = 0
  let ssResCentered = 0
  for (let i = 0; i < n; i++) {
    ssRes += residuals[i] ** 2
    absSum += Math.abs(residuals[i])
    ssTot += (actual[i] - yMean) ** 2
    ssResCentered += (residuals[i] - resMean) ** 2
  }
  const mse = ssRes / n
  const scores: RegressionScores = { mse, rmse: Math.sqrt(mse), mae: absSum / n }
  if (n >= 2) {
    scores.r2 = oneMinusRatio(ssRes, ssTot)
    scores.explainedVariance = oneMinusRatio(ssResCentered, ssTot)
  }
  return scores
}
