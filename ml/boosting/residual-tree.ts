/**
 * The regression trees of classic gradient boosting (scikit-learn's GradientBoosting*: criterion
 * 'friedman_mse', best splitter, min_samples_split 2, min_samples_leaf 1, depth-limited). Rows are
 * sorted once per feature for the whole fit; each split partitions those orders stably, so a tree
 * costs O(rows × features × depth) instead of a sort per node.
 */
export interface RegressionTree {
  /** Split feature per node, −1 for a leaf. */
  feature: Int32Array
  threshold: Float64Array
  left: Int32Array
  right: Int32Array
  /** Leaf values (the loss's Newton step per leaf, set by the caller); 0 at inner nodes. */
  value: Float64Array
}

export interface GrownTree {
  tree: RegressionTree
  /** Leaf node id per training row (−1 for rows not in the fit). */
  leafOf: Int32Array
  /** Weighted impurity decrease per feature (scikit-learn's unnormalized feature importance × n). */
  gain: Float64Array
}

/** Rows (of the fit) sorted by each feature, features × n, built once per fit. */
export function presort(X: Float64Array, cols: number, rows: Int32Array): Int32Array {
  const n = rows.length
  const out = new Int32Array(cols * n)
  const keys = new Float64Array(n)
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < n; i++) keys[i] = X[rows[i] * cols + f]
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b])
    for (let i = 0; i < n; i++) out[f * n + i] = rows[order[i]]
  }
  return out
}

// scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart.
const FEATURE_THRESHOLD = 1e-7
const EPSILON = 2.220446049250313e-16

/**
 * Grows one tree on the residuals `r` (indexed by row). `sorted` holds, per feature, the fit's rows
 * in feature order (features × n); it is copied into a work buffer that every split partitions in
 * place within the node's range, so growing allocates nothing per node.
 */
export function growTree(X: Float64Array, cols: number, r: Float64Array, sorted: Int32Array, maxDepth: number, random: () => number, totalRows: number): GrownTree {
  const n = sorted.length / cols
  const work = Int32Array.from(sorted)
  const temp = new Int32Array(n)
  const feature: number[] = []
  const threshold: number[] = []
  const left: number[] = []
  const right: number[] = []
  const leafOf = new Int32Array(totalRows).fill(-1)
  const gain = new Float64Array(cols)
  const goesLeft = new Uint8Array(totalRows)
  const order = Int32Array.from({ length: cols }, (_, j) => j)
  const split: Split = { feature: -1, threshold: 0, nLeft: 0, proxy: -Infinity }
  const grow = (from: number, to: number, depth: number): number => {
    const id = feature.length
    feature.push(-1), threshold.push(0), left.push(-1), right.push(-1)
    const m = to - from
    let s = 0
    let s2 = 0
    for (let p = from; p < to; p++) {
      const v = r[work[p]]
      s += v
      s2 += v * v
    }
    const impurity = s2 / m - (s / m) ** 2
    const found = depth < maxDepth && m >= 2 && impurity > EPSILON && bestSplit(X, cols, r, work, n, from, to, s, shuffled(order, random), split)
    if (!found) {
      for (let p = from; p < to; p++) leafOf[work[p]] = id
      return id
    }
    const f = split.feature
    const t = split.threshold
    const nLeft = split.nLeft
    const children = childImpurity(r, work, f * n + from, nLeft, m)
    for (let p = from; p < to; p++) goesLeft[work[p]] = X[work[p] * cols + f] <= t ? 1 : 0
    for (let j = 0; j < cols; j++) partition(work, j * n + from, j * n + to, goesLeft, temp)
    feature[id] = f
    threshold[id] = t
    gain[f] += m * impurity - children
    left[id] = grow(from, from + nLeft, depth + 1)
    right[id] = grow(from + nLeft, to, depth + 1)
    return id
  }
  grow(0, n, 0)
  const tree: RegressionTree = {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: new Float64Array(feature.length),
  }
  return { tree, leafOf, gain }
}

interface Split {
  feature: number
  threshold: number
  nLeft: number
  proxy: number
}

/** scikit-learn draws the order features are tried in; it only matters between equally good splits. */
function shuffled(order: Int32Array, random: () => number): Int32Array {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return order
}

/** Stable partition of work[from, to): rows going left first. */
function partition(work: Int32Array, from: number, to: number, goesLeft: Uint8Array, temp: Int32Array) {
  let a = from
  let b = 0
  for (let p = from; p < to; p++) {
    const i = work[p]
    if (goesLeft[i]) work[a++] = i
    else temp[b++] = i
  }
  work.set(temp.subarray(0, b), a)
}

/** The split maximizing Friedman's improvement n_l·n_r·(mean_l − mean_r)², found from running sums; false if none. */
function bestSplit(X: Float64Array, cols: number, r: Float64Array, work: Int32Array, n: number, from: number, to: number, total: number, order: Int32Array, best: Split): boolean {
  best.proxy = -Infinity
  best.feature = -1
  const m = to - from
  for (const f of order) {
    const base = f * n + from
    let sl = 0
    for (let p = 1; p < m; p++) {
      const prev = work[base + p - 1]
      sl += r[prev]
      const a = X[prev * cols + f]
      const c = X[work[base + p] * cols + f]
      if (c <= a + FEATURE_THRESHOLD) continue
      const diff = (m - p) * sl - p * (total - sl)
      const proxy = (diff * diff) / (p * (m - p))
      if (proxy > best.proxy) {
        let t = a / 2 + c / 2
        if (t === c || !Number.isFinite(t)) t = a
        best.proxy = proxy
        best.feature = f
        best.threshold = t
        best.nLeft = p
      }
    }
  }
  return best.feature >= 0
}

/** n_l·var_l + n_r·var_r of the chosen split (for the importance sums). */
function childImpurity(r: Float64Array, work: Int32Array, base: number, nLeft: number, m: number): number {
  let out = 0
  for (const [a, b] of [
    [0, nLeft],
    [nLeft, m],
  ]) {
    let s = 0
    let s2 = 0
    for (let p = a; p < b; p++) {
      const v = r[work[base + p]]
      s += v
      s2 += v * v
    }
    out += s2 - (s * s) / (b - a)
  }
  return out
}

/** Leaf reached by one row. */
export function leafOfRow(t: RegressionTree, X: Float64Array, cols: number, row: number): number {
  let node = 0
  while (t.feature[node] >= 0) node = X[row * cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node]
  return node
}
