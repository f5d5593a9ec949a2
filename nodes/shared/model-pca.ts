import { PCA } from 'ml-pca'

/**
 * PCA projection fitted with ml-pca (SVD of the centred data, mljs), stored as plain arrays.
 * Component signs follow scikit-learn (svd_flip on the components: the largest-magnitude
 * loading of each component is positive) so projections match sklearn's up to float error.
 */
export interface PcaState {
  cols: number
  components: number
  means: Float64Array
  /** components × cols */
  loadings: Float64Array
  explainedVarianceRatio: Float64Array
}

export function fitPca(X: Float64Array, rows: number, cols: number, components: number): PcaState {
  if (rows < 2) throw new Error('PCA needs at least two rows.')
  const k = Math.min(components, cols, rows)
  const data = Array.from({ length: rows }, (_, i) => Array.from(X.subarray(i * cols, i * cols + cols)))
  const pca = new PCA(data, { center: true, scale: false })
  const vectors = pca.getEigenvectors() // cols × cols, columns are components
  const means = new Float64Array(cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) means[j] += X[i * cols + j] / rows
  const loadings = new Float64Array(k * cols)
  for (let c = 0; c < k; c++) {
    let big = 0
    for (let j = 0; j < cols; j++) if (Math.abs(vectors.get(j, c)) > Math.abs(big)) big = vectors.get(j, c)
    const sign = big < 0 ? -1 : 1
    for (let j = 0; j < cols; j++) loadings[c * cols + j] = sign * vectors.get(j, c)
  }
  const ratio = Float64Array.from(pca.getExplainedVariance().slice(0, k))
  return { cols, components: k, means, loadings, explainedVarianceRatio: ratio }
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
