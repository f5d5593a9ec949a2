import { center, withIntercept, type LinearFit } from './centered'

/**
 * Ordinary least squares by Householder QR of the centered columns (scikit-learn's
 * LinearRegression). A column that is a combination of earlier ones (a one-hot block next to the
 * intercept, a duplicated feature) gets weight 0; predictions equal the minimum-norm solution's.
 */
export function fitLeastSquares(X: Float64Array, rows: number, cols: number, y: Float64Array): LinearFit & { rank: number } {
  const c = center(X, rows, cols, y)
  const A = c.Xc
  const b = c.yc
  const n = rows
  const diag = new Float64Array(cols)
  const pivotRow = new Int32Array(cols).fill(-1)
  let scale = 0
  for (let j = 0; j < cols; j++) scale = Math.max(scale, Math.sqrt(colDot(A, j, j, n, 0)))
  const tiny = Math.max(n, cols) * 2.2e-16 * Math.max(scale, 1e-300)
  let r = 0
  for (let j = 0; j < cols && r < n; j++) {
    const norm = Math.sqrt(colDot(A, j, j, n, r))
    if (norm <= tiny) continue
    // Reflector v = x − α·e1 stored in place of the column, α = −sign(x_r)·‖x‖.
    const alpha = A[j * n + r] > 0 ? -norm : norm
    A[j * n + r] -= alpha
    const vv = colDot(A, j, j, n, r)
    for (let k = j + 1; k < cols; k++) reflect(A, j, A, k, n, r, vv)
    reflect(A, j, b, 0, n, r, vv)
    diag[j] = alpha
    pivotRow[j] = r++
  }
  const coef = new Float64Array(cols)
  for (let j = cols - 1; j >= 0; j--) {
    const row = pivotRow[j]
    if (row < 0) continue
    let s = b[row]
    for (let k = j + 1; k < cols; k++) if (pivotRow[k] >= 0) s -= A[k * n + row] * coef[k]
    coef[j] = s / diag[j]
  }
  return { ...withIntercept(c, coef), rank: r }
}

/** Σ A[:,a]·B[:,b] over rows from `from` (column-major, n rows). */
function colDot(A: Float64Array, a: number, b: number, n: number, from: number): number {
  let s = 0
  const oa = a * n
  const ob = b * n
  for (let i = from; i < n; i++) s += A[oa + i] * A[ob + i]
  return s
}

/** target[:, k] −= 2 v (vᵀ target[:, k]) / (vᵀ v), v = V[from:, j]. */
function reflect(V: Float64Array, j: number, T: Float64Array, k: number, n: number, from: number, vv: number) {
  const ov = j * n
  const ot = k * n
  let s = 0
  for (let i = from; i < n; i++) s += V[ov + i] * T[ot + i]
  const f = (2 * s) / vv
  for (let i = from; i < n; i++) T[ot + i] -= f * V[ov + i]
}

/**
 * Ridge regression as scikit-learn's Ridge (solver 'auto' → Cholesky): minimizes
 * ‖y − Xw − b‖² + alpha‖w‖² with the intercept unpenalized.
 */
export function fitRidge(X: Float64Array, rows: number, cols: number, y: Float64Array, alpha: number): LinearFit {
  if (!(alpha >= 0)) throw new Error(`alpha must be ≥ 0 (got ${alpha}).`)
  const c = center(X, rows, cols, y)
  const G = new Float64Array(cols * cols)
  const rhs = new Float64Array(cols)
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) G[a * cols + b] = G[b * cols + a] = colDot(c.Xc, a, b, rows, 0)
    G[a * cols + a] += alpha
    let s = 0
    for (let i = 0; i < rows; i++) s += c.Xc[a * rows + i] * c.yc[i]
    rhs[a] = s
  }
  return withIntercept(c, alpha > 0 ? cholesky(G, rhs, cols) : fitLeastSquares(X, rows, cols, y).coef)
}

/** Solves G x = rhs for symmetric positive definite G (overwritten). */
function cholesky(G: Float64Array, rhs: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = G[j * n + j]
    for (let k = 0; k < j; k++) d -= G[j * n + k] * G[j * n + k]
    if (!(d > 0)) throw new Error('Ridge system is not positive definite; check the features for NaN or infinite values.')
    const l = Math.sqrt(d)
    G[j * n + j] = l
    for (let i = j + 1; i < n; i++) {
      let s = G[i * n + j]
      for (let k = 0; k < j; k++) s -= G[i * n + k] * G[j * n + k]
      G[i * n + j] = s / l
    }
  }
  const x = Float64Array.from(rhs)
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i] -= G[i * n + k] * x[k]
    x[i] /= G[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i] -= G[k * n + i] * x[k]
    x[i] /= G[i * n + i]
  }
  return x
}
