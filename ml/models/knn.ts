/**
 * k-nearest neighbours by brute force over typed arrays. Written here rather than with ml-knn
 * (3.0) because ml-knn has no distance weighting, breaks vote ties by object-key order rather
 * than the lowest class as scikit-learn does, and serialises its k-d tree as deep nested JSON
 * that is bigger than the training rows it holds. Brute force is what scikit-learn picks for
 * small tables too.
 */
export interface KnnState {
  X: Float64Array
  cols: number
  y: Float64Array
  k: number
  weights: 'uniform' | 'distance'
  /** Number of classes, 0 for regression. */
  classes: number
}

/** The k nearest training rows of one query row: indices and distances, nearest first (ties: lower index). */
function neighbours(s: KnnState, Q: Float64Array, q: number) {
  const n = s.y.length
  const k = Math.min(s.k, n)
  const idx = new Int32Array(k).fill(-1)
  const dist = new Float64Array(k).fill(Infinity)
  for (let i = 0; i < n; i++) {
    let d = 0
    for (let j = 0; j < s.cols; j++) {
      const t = s.X[i * s.cols + j] - Q[q * s.cols + j]
      d += t * t
    }
    if (d >= dist[k - 1]) continue
    let m = k - 1
    while (m > 0 && dist[m - 1] > d) {
      dist[m] = dist[m - 1]
      idx[m] = idx[m - 1]
      m--
    }
    dist[m] = d
    idx[m] = i
  }
  return { idx, dist: dist.map(Math.sqrt) }
}

/** Neighbour weights; with 'distance', exact matches take all the weight (scikit-learn's rule). */
function weightsOf(s: KnnState, dist: Float64Array): Float64Array {
  if (s.weights === 'uniform') return dist.map(() => 1)
  if (dist.some((d) => d === 0)) return dist.map((d) => (d === 0 ? 1 : 0))
  return dist.map((d) => 1 / d)
}

/** Class probabilities (rows × classes) or predicted values. */
export function predictKnn(s: KnnState, Q: Float64Array, rows: number): { predicted: Float64Array; probabilities?: Float64Array } {
  const predicted = new Float64Array(rows)
  const probabilities = s.classes ? new Float64Array(rows * s.classes) : undefined
  for (let q = 0; q < rows; q++) {
    const { idx, dist } = neighbours(s, Q, q)
    const w = weightsOf(s, dist)
    const total = w.reduce((a, b) => a + b, 0)
    if (!probabilities) {
      let sum = 0
      idx.forEach((i, m) => (sum += w[m] * s.y[i]))
      predicted[q] = sum / total
      continue
    }
    idx.forEach((i, m) => (probabilities[q * s.classes + s.y[i]] += w[m] / total))
    let arg = 0
    for (let c = 1; c < s.classes; c++) if (probabilities[q * s.classes + c] > probabilities[q * s.classes + arg]) arg = c
    predicted[q] = arg
  }
  return { predicted, probabilities }
}
