/** A linear model's fitted numbers: prediction = intercept + X · coef. */
export interface LinearFit {
  coef: Float64Array
  intercept: number
}

/** Columns of X centered on their means, column-major (what column sweeps want), and y centered. */
export interface Centered {
  /** cols × rows: column j at [j·rows, (j+1)·rows). */
  Xc: Float64Array
  xMean: Float64Array
  yc: Float64Array
  yMean: number
  rows: number
  cols: number
}

/** scikit-learn's fit_intercept: fit on centered data, then intercept = ȳ − x̄ · w. */
export function center(X: Float64Array, rows: number, cols: number, y: Float64Array): Centered {
  if (rows === 0) throw new Error('The training data has no rows.')
  const xMean = new Float64Array(cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) xMean[j] += X[i * cols + j]
  for (let j = 0; j < cols; j++) xMean[j] /= rows
  const Xc = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) Xc[j * rows + i] = X[i * cols + j] - xMean[j]
  let yMean = 0
  for (let i = 0; i < rows; i++) yMean += y[i]
  yMean /= rows
  const yc = Float64Array.from(y.subarray(0, rows), (v) => v - yMean)
  return { Xc, xMean, yc, yMean, rows, cols }
}

export function withIntercept(c: Centered, coef: Float64Array): LinearFit {
  let b = c.yMean
  for (let j = 0; j < c.cols; j++) b -= c.xMean[j] * coef[j]
  return { coef, intercept: b }
}

/** intercept + X · coef per row. */
export function predictLinear(f: LinearFit, X: Float64Array, rows: number): Float64Array {
  const cols = f.coef.length
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let v = f.intercept
    for (let j = 0; j < cols; j++) v += X[i * cols + j] * f.coef[j]
    out[i] = v
  }
  return out
}
