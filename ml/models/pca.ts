import { EigenvalueDecomposition, Matrix } from 'ml-matrix'

/**
 * Principal component analysis by eigendecomposition of the covariance matrix (n − 1
 * denominator, as scikit-learn), on a row-major matrix. Sign convention: each component's
 * largest-magnitude loading is positive (scikit-learn ≥ 1.5's svd_flip with
 * u_based_decision=False), so results do not depend on the solver or row order.
 * The PCA transform and the PCA model family both fit with this.
 */
export interface PcaState {
  cols: number
  components: number
  means: Float64Array
  /** components × cols, row-major. */
  loadings: Float64Array
  explainedVariance: Float64Array
  explainedVarianceRatio: Float64Array
}

/** How many components to keep: a count, or the fewest whose cumulative ratio exceeds `variance`. */
export type PcaKeep = { components: number } | { variance: number }

function covariance(X: Float64Array, rows: number, cols: number, means: Float64Array): Matrix {
  const cov = Matrix.zeros(cols, cols)
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) {
      let s = 0
      for (let i = 0; i < rows; i++) s += (X[i * cols + a] - means[a]) * (X[i * cols + b] - means[b])
      cov.set(a, b, s / (rows - 1))
      cov.set(b, a, s / (rows - 1))
    }
  }
  return cov
}

function componentCount(ratios: number[], keep: PcaKeep, maxK: number): number {
  if ('components' in keep) return Math.min(keep.components, maxK)
  // scikit-learn: the number of components whose cumulative ratio first exceeds the target.
  let cum = 0
  return Math.min(ratios.findIndex((r) => (cum += r) > keep.variance) + 1 || maxK, maxK)
}

export function fitPca(X: Float64Array, rows: number, cols: number, keep: PcaKeep): PcaState {
  if (rows < 2) throw new Error('PCA needs at least 2 rows to fit.')
  const means = new Float64Array(cols)
  for (let j = 0; j < cols; j++) {
    let s = 0
    for (let i = 0; i < rows; i++) s += X[i * cols + j]
    means[j] = s / rows
  }
  const evd = new EigenvalueDecomposition(covariance(X, rows, cols, means), { assumeSymmetric: true })
  const vectors = evd.eigenvectorMatrix
  const order = evd.realEigenvalues.map((value, j) => ({ value: Math.max(0, value), j })).sort((x, y) => y.value - x.value)
  const total = order.reduce((s, o) => s + o.value, 0)
  const ratios = order.map((o) => (total > 0 ? o.value / total : 0))
  const k = componentCount(ratios, keep, Math.min(rows, cols))
  const loadings = new Float64Array(k * cols)
  order.slice(0, k).forEach(({ j }, c) => {
    const v = vectors.getColumn(j)
    const big = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0)
    for (let f = 0; f < cols; f++) loadings[c * cols + f] = big < 0 ? -v[f] : v[f]
  })
  return {
    cols,
    components: k,
    means,
    loadings,
    explainedVariance: Float64Array.from(order.slice(0, k), (o) => o.value),
    explainedVarianceRatio: Float64Array.from(ratios.slice(0, k)),
  }
}

/** Rows × components projection of new rows. */
export function projectPca(s: PcaState, X: Float64Array, rows: number): Float64Array {
  const out = new Float64Array(rows * s.components)
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < s.components; c++) {
      let v = 0
      for (let j = 0; j < s.cols; j++) v += (X[i * s.cols + j] - s.means[j]) * s.loadings[c * s.cols + j]
      out[i * s.components + c] = v
    }
  }
  return out
}
