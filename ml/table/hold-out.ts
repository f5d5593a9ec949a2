import { shuffleInPlace } from './random'

/** scikit-learn's MLP validation_fraction: the share of training rows held out for early stopping. */
export const VALIDATION_FRACTION = 0.1

export interface Held {
  train: { X: Float64Array; y: Float64Array; rows: number }
  val: { X: Float64Array; y: Float64Array; rows: number }
}

function take(X: Float64Array, y: Float64Array, cols: number, idx: ArrayLike<number>) {
  const out = new Float64Array(idx.length * cols)
  for (let i = 0; i < idx.length; i++) out.set(X.subarray(idx[i] * cols, (idx[i] + 1) * cols), i * cols)
  return { X: out, y: Float64Array.from(idx, (r) => y[r]), rows: idx.length }
}

/**
 * Holds out a seeded 10 % of the training rows, stratified by class for classifiers (as
 * scikit-learn's MLP with early_stopping=True does with train_test_split(stratify=y)); at least
 * one row of each side. Undefined when the table is too small to spare rows.
 */
export function holdOut(X: Float64Array, y: Float64Array, rows: number, cols: number, classify: boolean, random: () => number): Held | undefined {
  if (rows < 10) return undefined
  const groups = new Map<number, number[]>()
  for (let i = 0; i < rows; i++) {
    const key = classify ? y[i] : 0
    const g = groups.get(key)
    if (g) g.push(i)
    else groups.set(key, [i])
  }
  const valIdx: number[] = []
  const trainIdx: number[] = []
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const g = shuffleInPlace(groups.get(key)!, random)
    const n = Math.round(g.length * VALIDATION_FRACTION)
    for (let i = 0; i < g.length; i++) (i < n ? valIdx : trainIdx).push(g[i])
  }
  if (valIdx.length === 0) return undefined
  trainIdx.sort((a, b) => a - b)
  valIdx.sort((a, b) => a - b)
  return { train: take(X, y, cols, trainIdx), val: take(X, y, cols, valIdx) }
}
