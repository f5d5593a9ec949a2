import { runToEnd, type Stepwise } from '../stepwise'

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
  /** The matrix's rows sorted by each feature (`sortRowsSteps`), when several trees grow on one matrix (a forest). */
  sorted?: RowOrder
}

interface Builder {
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  value: number[]
}

/**
 * The samples (positions in `rows`) sorted by every feature, each node a range [start, end) of
 * every list: a split partitions each feature's range stably, so no node sorts again (the
 * presorting of SLIQ / early scikit-learn). Ties keep any order: splits fall only between
 * different values, so the trees equal those of sorting at every node.
 */
interface Sorted {
  order: Int32Array[]
  values: Float64Array[]
  /** Target per sample position. */
  ys: Float64Array
}

/** Every row of a matrix sorted by each feature, and its columns. */
export interface RowOrder {
  order: Int32Array[]
  columns: Float64Array[]
}

/** Sorts the rows of X by each feature (once per tree, or once for all the trees of a forest), yielding after each feature (tens of ms at 200k rows). */
export function* sortRowsSteps(X: Float64Array, cols: number): Stepwise<RowOrder> {
  const n = X.length / cols
  const columns: Float64Array[] = []
  const order: Int32Array[] = []
  for (let f = 0; f < cols; f++) {
    const c = new Float64Array(n)
    for (let i = 0; i < n; i++) c[i] = X[i * cols + f]
    columns.push(c)
    order.push(Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => c[a] - c[b]))
    yield
  }
  return { order, columns }
}

function* presort(X: Float64Array, cols: number, y: Float64Array, rows: Int32Array, sorted?: RowOrder): Stepwise<Sorted> {
  const { order: byRow, columns } = sorted ?? (yield* sortRowsSteps(X, cols))
  const N = rows.length
  // Positions of each row in `rows` (a bootstrap sample repeats rows), as linked lists.
  const head = new Int32Array(X.length / cols).fill(-1)
  const next = new Int32Array(N)
  for (let p = N - 1; p >= 0; p--) {
    next[p] = head[rows[p]]
    head[rows[p]] = p
  }
  const order: Int32Array[] = []
  const values: Float64Array[] = []
  for (let f = 0; f < cols; f++) {
    const o = new Int32Array(N)
    const v = new Float64Array(N)
    const col = columns[f]
    let k = 0
    for (const r of byRow[f]) for (let p = head[r]; p >= 0; p = next[p]) (o[k] = p), (v[k++] = col[r])
    order.push(o)
    values.push(v)
    yield
  }
  return { order, values, ys: Float64Array.from(rows, (r) => y[r]) }
}

/** Grows a tree on the rows listed in `rows` (duplicates allowed: that is how bootstrap samples enter). */
export function fitTree(X: Float64Array, cols: number, y: Float64Array, rows: Int32Array, o: TreeOptions): Tree {
  return runToEnd(treeSteps(X, cols, y, rows, o))
}

/** A node still to grow: its sample range, and where its id goes in the parent. */
interface Pending {
  start: number
  end: number
  depth: number
  parent: number
  isLeft: boolean
}

/**
 * The same tree, yielding after each node. Depth-first from an explicit stack (left child on top),
 * so nodes get the ids, and draw the random features, in the order the recursive growth had.
 */
export function* treeSteps(X: Float64Array, cols: number, y: Float64Array, rows: Int32Array, o: TreeOptions): Stepwise<Tree> {
  const b: Builder = { feature: [], threshold: [], left: [], right: [], value: [] }
  const growNode = nodeGrower(yield* presort(X, cols, y, rows, o.sorted), cols, rows.length, o, b)
  const stack: Pending[] = [{ start: 0, end: rows.length, depth: 0, parent: -1, isLeft: true }]
  while (stack.length) {
    const { start, end, depth, parent, isLeft } = stack.pop()!
    const { id, mid } = growNode(start, end, depth)
    if (parent >= 0) (isLeft ? b.left : b.right)[parent] = id
    if (mid >= 0) stack.push({ start: mid, end, depth: depth + 1, parent: id, isLeft: false }, { start, end: mid, depth: depth + 1, parent: id, isLeft: true })
    yield
  }
  return {
    feature: Int32Array.from(b.feature),
    threshold: Float64Array.from(b.threshold),
    left: Int32Array.from(b.left),
    right: Int32Array.from(b.right),
    value: Float64Array.from(b.value),
    outputs: o.classes || 1,
  }
}

/** Adds one node for samples [start, end) and, when it splits, partitions the range; mid is −1 for a leaf. */
function nodeGrower(s: Sorted, cols: number, samples: number, o: TreeOptions, b: Builder) {
  const features = Int32Array.from({ length: cols }, (_, j) => j)
  const goesLeft = new Uint8Array(samples)
  const tmpO = new Int32Array(samples)
  const tmpV = new Float64Array(samples)
  return (start: number, end: number, depth: number): { id: number; mid: number } => {
    const id = b.feature.length
    b.feature.push(-1)
    b.threshold.push(0)
    b.left.push(-1)
    b.right.push(-1)
    const n = end - start
    const { value, impurity } = leafValue(s.ys, s.order[0].subarray(start, end), o.classes)
    for (const v of value) b.value.push(v)
    const canSplit = impurity > 1e-12 && n >= o.minSamplesSplit && n >= 2 * o.minSamplesLeaf && (o.maxDepth === 0 || depth < o.maxDepth)
    if (!canSplit) return { id, mid: -1 }
    const split = bestSplit(s, start, end, o, pickFeatures(features, o), impurity)
    if (!split) return { id, mid: -1 }
    const mid = start + split.count
    const bo = s.order[split.feature]
    for (let m = start; m < end; m++) goesLeft[bo[m]] = m < mid ? 1 : 0
    for (let f = 0; f < cols; f++) if (f !== split.feature) partition(s.order[f], s.values[f], start, end, goesLeft, tmpO, tmpV)
    b.feature[id] = split.feature
    b.threshold[id] = split.threshold
    return { id, mid }
  }
}

/** Stable partition of one feature's range: left samples first, each side still sorted. */
function partition(order: Int32Array, values: Float64Array, start: number, end: number, goesLeft: Uint8Array, tmpO: Int32Array, tmpV: Float64Array) {
  let l = start
  let r = 0
  for (let m = start; m < end; m++) {
    const p = order[m]
    if (goesLeft[p]) (order[l] = p), (values[l++] = values[m])
    else (tmpO[r] = p), (tmpV[r++] = values[m])
  }
  order.set(tmpO.subarray(0, r), l)
  values.set(tmpV.subarray(0, r), l)
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

/** The split with the lowest weighted child impurity (and its left count), or null when none improves on the parent. */
function bestSplit(s: Sorted, start: number, end: number, o: TreeOptions, features: Int32Array, parent: number) {
  const n = end - start
  const { ys } = s
  let best: { feature: number; threshold: number; score: number; count: number } | null = null
  const k = o.classes
  const leftCounts = new Float64Array(k)
  const totalCounts = new Float64Array(k)
  const any = s.order[0]
  if (k) for (let m = start; m < end; m++) totalCounts[ys[any[m]]]++
  let totalSum = 0
  let totalSq = 0
  if (!k) for (let m = start; m < end; m++) (totalSum += ys[any[m]]), (totalSq += ys[any[m]] * ys[any[m]])
  for (const f of features) {
    const order = s.order[f]
    const values = s.values[f]
    leftCounts.fill(0)
    let ls = 0
    let lq = 0
    for (let m = 1; m < n; m++) {
      const yv = ys[order[start + m - 1]]
      if (k) leftCounts[yv]++
      else (ls += yv), (lq += yv * yv)
      const a = values[start + m - 1]
      const c = values[start + m]
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
        best = { feature: f, threshold, score, count: m }
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
