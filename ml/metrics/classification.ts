/**
 * Classification metrics with scikit-learn's definitions. Labels are class indices
 * 0..k-1 (as in `Predictions`). Where a ratio has a zero denominator the score is 0,
 * which is scikit-learn's `zero_division` default ("warn", which acts as 0).
 */

export type Average = 'binary' | 'macro' | 'weighted' | 'micro'

export interface Scores {
  precision: number
  recall: number
  f1: number
}

export interface PerClassScores {
  precision: number[]
  recall: number[]
  f1: number[]
  /** Number of true samples of each class. */
  support: number[]
}

/** Confusion matrix with true classes as rows and predicted classes as columns (sklearn's layout). */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < actual.length; i++) cm[actual[i]][predicted[i]] += 1
  return cm
}

/** Fraction of rows whose predicted class equals the true class. */
export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0
  for (let i = 0; i < actual.length; i++) hits += actual[i] === predicted[i] ? 1 : 0
  return actual.length ? hits / actual.length : 0
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den)

/** F1 as 2·tp / (2·tp + fp + fn): equal to the harmonic mean of precision and recall, 0 when undefined. */
const f1Of = (tp: number, fp: number, fn: number) => ratio(2 * tp, 2 * tp + fp + fn)

interface Counts {
  tp: number[]
  fp: number[]
  fn: number[]
}

function countsOf(cm: number[][]): Counts {
  const k = cm.length
  const tp = cm.map((row, i) => row[i])
  const fn = cm.map((row, i) => row.reduce((s, v) => s + v, 0) - row[i])
  const fp = Array.from({ length: k }, (_, j) => cm.reduce((s, row) => s + row[j], 0) - cm[j][j])
  return { tp, fp, fn }
}

/** Precision, recall, F1 and support of every class (sklearn's `average=None`). */
export function perClassScores(cm: number[][]): PerClassScores {
  const { tp, fp, fn } = countsOf(cm)
  return {
    precision: tp.map((t, i) => ratio(t, t + fp[i])),
    recall: tp.map((t, i) => ratio(t, t + fn[i])),
    f1: tp.map((t, i) => f1Of(t, fp[i], fn[i])),
    support: tp.map((t, i) => t + fn[i]),
  }
}

/**
 * Averaged precision, recall and F1 from a confusion matrix. Like sklearn, macro/weighted/micro
 * average over the classes that occur in the true or the predicted labels; `binary` reports
 * the class `positive` only.
 */
export function averagedScores(cm: number[][], average: Average, positive = 1): Scores {
  const { tp, fp, fn } = countsOf(cm)
  if (average === 'binary') {
    const t = tp[positive]
    return { precision: ratio(t, t + fp[positive]), recall: ratio(t, t + fn[positive]), f1: f1Of(t, fp[positive], fn[positive]) }
  }
  const present = tp.map((_, i) => i).filter((i) => tp[i] + fp[i] + fn[i] > 0)
  if (average === 'micro') {
    const sum = (a: number[]) => present.reduce((s, i) => s + a[i], 0)
    const [t, p, n] = [sum(tp), sum(fp), sum(fn)]
    return { precision: ratio(t, t + p), recall: ratio(t, t + n), f1: f1Of(t, p, n) }
  }
  const per = perClassScores(cm)
  const weights = present.map((i) => (average === 'weighted' ? per.support[i] : 1))
  const total = weights.reduce((s, w) => s + w, 0)
  const mean = (a: number[]) => ratio(present.reduce((s, i, j) => s + weights[j] * a[i], 0), total)
  return { precision: mean(per.precision), recall: mean(per.recall), f1: mean(per.f1) }
}

/** Float64 machine epsilon: sklearn clips probabilities to [eps, 1 − eps] with eps of the input dtype. */
export const FLOAT64_EPS = 2 ** -52

/**
 * Mean negative log-likelihood of the true class (sklearn `log_loss` with `labels` = all
 * classes): each probability is clipped to [eps, 1 − eps] first, so a confident wrong
 * answer costs −log(eps) ≈ 36.04 instead of infinity.
 */
export function logLoss(actual: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): number {
  let total = 0
  for (let i = 0; i < actual.length; i++) {
    const p = Math.min(Math.max(probabilities[i * k + actual[i]], FLOAT64_EPS), 1 - FLOAT64_EPS)
    total -= Math.log(p)
  }
  return actual.length ? total / actual.length : 0
}
