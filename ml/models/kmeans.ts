import { requireFiniteDistances } from '../table/magnitude'

/**
 * k-means as scikit-learn's KMeans (Lloyd): greedy k-means++ seeding with 2 + ⌊ln k⌋ local
 * trials, `nInit` restarts keeping the lowest inertia, convergence when the squared center shift
 * falls below tol × the mean feature variance. On typed arrays: for the table sizes this app
 * handles, the k × n distance loop is faster than round-trips to a tf backend, and ml-kmeans'
 * k-means++ draws from Math.random-seeded state we cannot route through the node's seed.
 */
export interface KMeansState {
  k: number
  cols: number
  /** k × cols, row-major. */
  centers: Float64Array
  inertia: number
  iterations: number
}

export interface KMeansOptions {
  k: number
  nInit: number
  maxIter: number
  tol: number
  random: () => number
  /** Awaited between restarts: throws to cancel, yields so a cancel can arrive. */
  checkpoint?: () => Promise<void>
}

function sqDist(A: Float64Array, a: number, B: Float64Array, b: number, cols: number): number {
  let d = 0
  for (let j = 0; j < cols; j++) {
    const t = A[a * cols + j] - B[b * cols + j]
    d += t * t
  }
  return d
}

/** Nearest center per row and its squared distance. */
export function assign(centers: Float64Array, k: number, X: Float64Array, rows: number, cols: number) {
  const labels = new Float64Array(rows)
  const dist = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let best = Infinity
    let arg = 0
    for (let c = 0; c < k; c++) {
      const d = sqDist(X, i, centers, c, cols)
      if (d < best) (best = d), (arg = c)
    }
    labels[i] = arg
    dist[i] = best
  }
  return { labels, dist }
}

function plusPlus(X: Float64Array, rows: number, cols: number, k: number, random: () => number): Float64Array {
  const centers = new Float64Array(k * cols)
  const trials = 2 + Math.floor(Math.log(k))
  const first = Math.floor(random() * rows)
  centers.set(X.subarray(first * cols, first * cols + cols), 0)
  const closest = new Float64Array(rows)
  for (let i = 0; i < rows; i++) closest[i] = sqDist(X, i, centers, 0, cols)
  for (let c = 1; c < k; c++) {
    const total = closest.reduce((a, b) => a + b, 0)
    let bestPot = Infinity
    let bestRow = 0
    let bestClosest = closest
    for (let t = 0; t < trials; t++) {
      let r = random() * total
      let cand = 0
      while (cand < rows - 1 && r >= closest[cand]) r -= closest[cand++]
      const next = new Float64Array(rows)
      let pot = 0
      for (let i = 0; i < rows; i++) {
        next[i] = Math.min(closest[i], sqDist(X, i, X, cand, cols))
        pot += next[i]
      }
      if (pot < bestPot) (bestPot = pot), (bestRow = cand), (bestClosest = next)
    }
    centers.set(X.subarray(bestRow * cols, bestRow * cols + cols), c * cols)
    closest.set(bestClosest)
  }
  return centers
}

function lloyd(X: Float64Array, rows: number, cols: number, o: KMeansOptions, tolAbs: number): KMeansState {
  let centers = plusPlus(X, rows, cols, o.k, o.random)
  let iterations = 0
  for (; iterations < o.maxIter; iterations++) {
    const { labels } = assign(centers, o.k, X, rows, cols)
    const next = new Float64Array(o.k * cols)
    const counts = new Float64Array(o.k)
    for (let i = 0; i < rows; i++) {
      counts[labels[i]]++
      for (let j = 0; j < cols; j++) next[labels[i] * cols + j] += X[i * cols + j]
    }
    for (let c = 0; c < o.k; c++) {
      // An emptied cluster keeps its old center instead of becoming NaN.
      for (let j = 0; j < cols; j++) next[c * cols + j] = counts[c] ? next[c * cols + j] / counts[c] : centers[c * cols + j]
    }
    let shift = 0
    for (let i = 0; i < next.length; i++) shift += (next[i] - centers[i]) ** 2
    centers = next
    if (shift <= tolAbs) {
      iterations++
      break
    }
  }
  const { dist } = assign(centers, o.k, X, rows, cols)
  return { k: o.k, cols, centers, inertia: dist.reduce((a, b) => a + b, 0), iterations }
}

export async function fitKMeans(X: Float64Array, rows: number, cols: number, o: KMeansOptions): Promise<KMeansState> {
  if (o.k > rows) throw new Error(`k-means needs at least k = ${o.k} rows; the table has ${rows}. Lower k.`)
  requireFiniteDistances(X, rows, cols, 'k-means')
  let meanVar = 0
  for (let j = 0; j < cols; j++) {
    let m = 0
    let v = 0
    for (let i = 0; i < rows; i++) m += X[i * cols + j] / rows
    for (let i = 0; i < rows; i++) v += (X[i * cols + j] - m) ** 2 / rows
    meanVar += v / cols
  }
  let best: KMeansState | undefined
  for (let r = 0; r < o.nInit; r++) {
    await o.checkpoint?.()
    const run = lloyd(X, rows, cols, o, o.tol * meanVar)
    if (!best || run.inertia < best.inertia) best = run
  }
  return best!
}
