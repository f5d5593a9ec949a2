/**
 * Permutation importance (scikit-learn's sklearn.inspection.permutation_importance): the drop of a
 * score when one feature column is shuffled, `repeats` times per feature, for any fitted model.
 */
export interface PermutationImportance {
  /** Baseline score minus the permuted score, averaged over repeats, per feature. */
  mean: Float64Array
  /** Population standard deviation over repeats, per feature. */
  std: Float64Array
  baseline: number
}

export interface PermutationOptions {
  repeats: number
  random: () => number
  /** Called after each feature; may throw to cancel. */
  onFeature?: (done: number, total: number) => void
}

/** `score(X)` must score the model on rows × cols features against the fixed target (higher is better). */
export function permutationImportance(score: (X: Float64Array) => number, X: Float64Array, rows: number, cols: number, o: PermutationOptions): PermutationImportance {
  if (!(o.repeats >= 1)) throw new Error(`repeats must be ≥ 1 (got ${o.repeats}).`)
  const baseline = score(X)
  const mean = new Float64Array(cols)
  const std = new Float64Array(cols)
  const work = Float64Array.from(X)
  const column = new Float64Array(rows)
  const drops = new Float64Array(o.repeats)
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = X[i * cols + j]
    for (let r = 0; r < o.repeats; r++) {
      shuffle(column, o.random)
      for (let i = 0; i < rows; i++) work[i * cols + j] = column[i]
      drops[r] = baseline - score(work)
    }
    for (let i = 0; i < rows; i++) work[i * cols + j] = X[i * cols + j]
    let s = 0
    for (const d of drops) s += d
    mean[j] = s / o.repeats
    let v = 0
    for (const d of drops) v += (d - mean[j]) ** 2
    std[j] = Math.sqrt(v / o.repeats)
    o.onFeature?.(j + 1, cols)
  }
  return { mean, std, baseline }
}

function shuffle(a: Float64Array, random: () => number) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
}
