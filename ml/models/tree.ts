/**
 * CART decision trees in scikit-learn's layout (parallel typed arrays per node), written here
 * instead of using ml-cart because ml-cart (2.1) re-splits the whole node for every candidate
 * threshold (O(n²) per feature), stops growing when a child's gain equals its parent's, needs
 * 3+ samples to split by default, cannot sample features per split (what a random forest
 * needs), and serialises as nested class instances. Same algorithm as sklearn: best split by
 * Gini (classification) or squared error (regression), thresholds halfway between
 * neighbouring values, leaves store class fractions or the mean.
 */
export interface Tree {
  /** Split feature per node, -1 for a leaf. */
  feature: Int32Array
  threshold: Float64Array
  left: Int32Array
  right: Int32Array
  /** nodes × outputs: class fractions (classification) or the mean (regression). */
  value: Float64Array
  outputs: number
}

export interface TreeOptions {
  /** Number of classes, or 0 for regression. */
  classes: number
  /** 0 = grow until pure. */
  maxDepth: number
  minSamplesSplit: number
  minSamplesLeaf: number
  /** Features tried at each split (all when ≥ the number of features). */
  maxFeatures: number
  random: () => number
}

interface Builder {
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  value: number[]
}

/** Grows a tree on the rows listed in `rows` (duplicates allowed: that is how bootstrap samples enter). */
export function fitTree(X: Float64Array, cols: number, y: Float64Array, rows: Int32Array, o: TreeOptions): Tree {
  const outputs = o.classes || 1
  const b: Builder = { feature: [], threshold: [], left: [], right: [], value: [] }
  const order = Int32Array.from({ length: cols }, (_, j) => j)
  const grow = (idx: Int32Array, depth: number): number => {
    const id = b.feature.length
    b.feature.push(-1)
    b.threshold.push(0)
    b.left.push(-1)
    b.right.push(-1)
    const { value, impurity } = leafValue(y, idx, o.classes)
    b.value.push(...value)
    const canSplit =
      impurity > 1e-12 && idx.length >= o.minSamplesSplit && idx.length >= 2 * o.minSamplesLeaf && (o.maxDepth === 0 || depth < o.maxDepth)
    if (!canSplit) return id
    const split = bestSplit(X, cols, y, idx, o, pickFeatures(order, o), impurity)
    if (!split) return id
    const l: number[] = []
    const r: number[] = []
    for (const i of idx) (X[i * cols + split.feature] <= split.threshold ? l : r).push(i)
    b.feature[id] = split.feature
    b.threshold[id] = split.threshold
    b.left[id] = grow(Int32Array.from(l), depth + 1)
    b.right[id] = grow(Int32Array.from(r), depth + 1)
    return id
  }
  grow(rows, 0)
  return {
    feature: Int32Array.from(b.feature),
    threshold: Float64Array.from(b.threshold),
    left: Int32Array.from(b.left),
    right: Int32Array.from(b.right),
    value: Float64Array.from(b.value),
    outputs,
  }
}

/** A random subset of features (partial Fisher–Yates), or all of them. */
function pickFeatures(order: Int32Array, o: TreeOptions): Int32Array {
  const n = order.length
  if (o.maxFeatures >= n) return order
  for (let i = 0; i < o.maxFeatures; i++) {
    const j = i + Math.floor(o.random() * (n - i))
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return order.slice(0, o.maxFeatures).sort()
}

function leafValue(y: Float64Array, idx: Int32Array, classes: number) {
  const n = idx.length
  if (classes === 0) {
    let s = 0
    let s2 = 0
    for (const i of idx) {
      s += y[i]
      s2 += y[i] * y[i]
    }
    const mean = s / n
    return { value: [mean], impurity: Math.max(0, s2 / n - mean * mean) }
  }
  const counts = new Array<number>(classes).fill(0)
  for (const i of idx) counts[y[i]]++
  const value = counts.map((c) => c / n)
  return { value, impurity: 1 - value.reduce((a, p) => a + p * p, 0) }
}

/** The split with the lowest weighted child impurity, or null when none improves on the parent. */
function bestSplit(X: Float64Array, cols: number, y: Float64Array, idx: Int32Array, o: TreeOptions, features: Int32Array, parent: number) {
  const n = idx.length
  let best: { feature: number; threshold: number; score: number } | null = null
  const sorted = new Int32Array(n)
  const k = o.classes
  const leftCounts = new Float64Array(k)
  const totalCounts = new Float64Array(k)
  if (k) for (const i of idx) totalCounts[y[i]]++
  let totalSum = 0
  let totalSq = 0
  if (!k) for (const i of idx) (totalSum += y[i]), (totalSq += y[i] * y[i])
  for (const f of features) {
    sorted.set(idx)
    sorted.sort((a, c) => X[a * cols + f] - X[c * cols + f])
    leftCounts.fill(0)
    let ls = 0
    let lq = 0
    for (let m = 1; m < n; m++) {
      const prev = sorted[m - 1]
      const yv = y[prev]
      if (k) leftCounts[yv]++
      else (ls += yv), (lq += yv * yv)
      const a = X[prev * cols + f]
      const c = X[sorted[m] * cols + f]
      if (c <= a || m < o.minSamplesLeaf || n - m < o.minSamplesLeaf) continue
      let score: number
      if (k) {
        let gl = 0
        let gr = 0
        for (let j = 0; j < k; j++) {
          gl += leftCounts[j] * leftCounts[j]
          const rc = totalCounts[j] - leftCounts[j]
          gr += rc * rc
        }
        // Weighted Gini of the children, times n: m·(1 − Σp²) + (n−m)·(1 − Σq²).
        score = m - gl / m + (n - m) - gr / (n - m)
      } else {
        const rs = totalSum - ls
        const rq = totalSq - lq
        score = lq - (ls * ls) / m + (rq - (rs * rs) / (n - m))
      }
      if (!best || score < best.score - 1e-12) {
        let threshold = a / 2 + c / 2
        if (threshold >= c) threshold = a
        best = { feature: f, threshold, score }
      }
    }
  }
  if (!best || best.score / n >= parent - 1e-12) return null
  return best
}

/** Leaf row of `value` reached by one row. */
export function treeLeaf(t: Tree, X: Float64Array, cols: number, row: number): number {
  let node = 0
  while (t.feature[node] >= 0) node = X[row * cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node]
  return node
}

/** Sum of the leaf values of several trees per row, divided by the number of trees (forest averaging). */
export function predictTrees(trees: Tree[], X: Float64Array, cols: number, rows: number): Float64Array {
  const outputs = trees[0].outputs
  const out = new Float64Array(rows * outputs)
  for (const t of trees) {
    for (let i = 0; i < rows; i++) {
      const leaf = treeLeaf(t, X, cols, i)
      for (let j = 0; j < outputs; j++) out[i * outputs + j] += t.value[leaf * outputs + j] / trees.length
    }
  }
  return out
}
