/**
 * Clustering metrics with scikit-learn's definitions. `X` is a row-major rows × cols
 * matrix; labels are any integers (cluster ids), mapped to dense indices here.
 */

/** Dense 0..m-1 indices for arbitrary integer labels, in order of first appearance. */
export function denseLabels(labels: ArrayLike<number>): { index: Int32Array; count: number } {
  const ids = new Map<number, number>()
  const index = new Int32Array(labels.length)
  for (let i = 0; i < labels.length; i++) {
    let id = ids.get(labels[i])
    if (id === undefined) ids.set(labels[i], (id = ids.size))
    index[i] = id
  }
  return { index, count: ids.size }
}

/**
 * Mean silhouette coefficient over all rows with euclidean distances (sklearn
 * `silhouette_score`): s = (b − a) / max(a, b), where a is the mean distance to the other
 * members of the row's cluster and b the smallest mean distance to another cluster. Rows in
 * a singleton cluster score 0. Needs 2 ≤ clusters ≤ rows − 1, like sklearn; throws otherwise.
 */
export function silhouetteScore(X: ArrayLike<number>, rows: number, cols: number, labels: ArrayLike<number>): number {
  const { index, count } = denseLabels(labels)
  if (count < 2 || count > rows - 1) {
    throw new Error(
      `The silhouette score needs between 2 and ${rows - 1} clusters (rows − 1), but the predictions have ${count}. ` +
        'Choose another number of clusters.',
    )
  }
  const sizes = new Float64Array(count)
  for (let i = 0; i < rows; i++) sizes[index[i]] += 1
  // sums[i * count + c]: total distance from row i to the members of cluster c.
  const sums = new Float64Array(rows * count)
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      let d2 = 0
      for (let f = 0; f < cols; f++) d2 += (X[i * cols + f] - X[j * cols + f]) ** 2
      const d = Math.sqrt(d2)
      sums[i * count + index[j]] += d
      sums[j * count + index[i]] += d
    }
  }
  let total = 0
  for (let i = 0; i < rows; i++) {
    const own = index[i]
    if (sizes[own] === 1) continue
    const a = sums[i * count + own] / (sizes[own] - 1)
    let b = Infinity
    for (let c = 0; c < count; c++) if (c !== own) b = Math.min(b, sums[i * count + c] / sizes[c])
    const m = Math.max(a, b)
    total += m === 0 ? 0 : (b - a) / m
  }
  return total / rows
}

/** Sum of squared euclidean distances from each row to the mean of its cluster (k-means inertia). */
export function inertia(X: ArrayLike<number>, rows: number, cols: number, labels: ArrayLike<number>): number {
  const { index, count } = denseLabels(labels)
  const means = new Float64Array(count * cols)
  const sizes = new Float64Array(count)
  for (let i = 0; i < rows; i++) {
    sizes[index[i]] += 1
    for (let f = 0; f < cols; f++) means[index[i] * cols + f] += X[i * cols + f]
  }
  for (let c = 0; c < count; c++) for (let f = 0; f < cols; f++) means[c * cols + f] /= sizes[c]
  let total = 0
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < cols; f++) total += (X[i * cols + f] - means[index[i] * cols + f]) ** 2
  }
  return total
}

/**
 * Adjusted Rand index (sklearn `adjusted_rand_score`, via its pair confusion matrix):
 * 1 for identical partitions up to renaming, about 0 for random labelings, and 1 when no
 * pair of rows is split differently (including the case of a single row).
 */
export function adjustedRandIndex(truth: ArrayLike<number>, clusters: ArrayLike<number>): number {
  const t = denseLabels(truth)
  const k = denseLabels(clusters)
  const n = truth.length
  const table = new Float64Array(t.count * k.count)
  for (let i = 0; i < n; i++) table[t.index[i] * k.count + k.index[i]] += 1
  const rowSums = new Float64Array(t.count)
  const colSums = new Float64Array(k.count)
  let sumSquares = 0
  for (let r = 0; r < t.count; r++) {
    for (let c = 0; c < k.count; c++) {
      const v = table[r * k.count + c]
      rowSums[r] += v
      colSums[c] += v
      sumSquares += v * v
    }
  }
  const sq = (a: Float64Array) => a.reduce((s, v) => s + v * v, 0)
  // Ordered-pair counts: same cluster in both, only in the prediction, only in the truth, neither.
  const tp = sumSquares - n
  const fp = sq(colSums) - sumSquares
  const fn = sq(rowSums) - sumSquares
  const tn = n * n - fp - fn - sumSquares
  if (fp === 0 && fn === 0) return 1
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
}
