/**
 * Impurity (mean decrease in impurity) importance of CART trees, as scikit-learn's
 * feature_importances_: per tree Σ over splits of N_t·imp_t − N_l·imp_l − N_r·imp_r (Gini for
 * classification, variance for regression) per split feature, normalized to sum 1; a forest
 * averages its trees' normalized importances and normalizes again.
 */
export interface SplitTree {
  /** Split feature per node, −1 for a leaf. */
  feature: Int32Array
  threshold: Float64Array
  left: Int32Array
  right: Int32Array
}

/**
 * One tree's importances from the rows it was grown on (`rows` may repeat: a bootstrap sample).
 * y holds class indices (classes ≥ 2) or values (classes = 0).
 */
export function treeImportance(t: SplitTree, X: Float64Array, cols: number, y: Float64Array, rows: ArrayLike<number>, classes: number): Float64Array {
  const nodes = t.feature.length
  const width = classes || 2
  // Per node: class counts, or count and Σy, Σy² for regression (width 3).
  const stats = new Float64Array(nodes * (classes ? width : 3))
  const stride = classes ? width : 3
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]
    let node = 0
    for (;;) {
      const o = node * stride
      if (classes) stats[o + y[i]]++
      else (stats[o]++, (stats[o + 1] += y[i]), (stats[o + 2] += y[i] * y[i]))
      if (t.feature[node] < 0) break
      node = X[i * cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node]
    }
  }
  const weighted = (node: number) => {
    const o = node * stride
    if (!classes) {
      const n = stats[o]
      return n ? stats[o + 2] - (stats[o + 1] * stats[o + 1]) / n : 0
    }
    let n = 0
    let sq = 0
    for (let c = 0; c < classes; c++) (n += stats[o + c]), (sq += stats[o + c] * stats[o + c])
    return n ? n - sq / n : 0
  }
  const out = new Float64Array(cols)
  for (let node = 0; node < nodes; node++) {
    const f = t.feature[node]
    if (f >= 0) out[f] += weighted(node) - weighted(t.left[node]) - weighted(t.right[node])
  }
  return normalized(out)
}

/** A forest: the mean of its trees' normalized importances, normalized again. */
export function forestImportance(perTree: Float64Array[], cols: number): Float64Array {
  const sum = new Float64Array(cols)
  for (const imp of perTree) for (let j = 0; j < cols; j++) sum[j] += imp[j]
  return normalized(sum)
}

/** Scaled to sum 1 (all zeros stay zeros: a tree that never split). */
export function normalized(v: Float64Array): Float64Array {
  let total = 0
  for (const x of v) total += x
  return total > 0 ? v.map((x) => x / total) : v
}

/** Coefficient magnitudes of a linear model (rows of classes × cols summed), for a bar chart. */
export function coefficientImportance(coef: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(cols)
  for (let k = 0; k < coef.length; k++) out[k % cols] += Math.abs(coef[k])
  return out
}
