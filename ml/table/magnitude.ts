/** Guards for values too large for the arithmetic that follows (squares, float32 tensors). */

/** The largest float32: tfjs tensors hold float32, so bigger values become Infinity there. */
export const FLOAT32_MAX = 3.4028234663852886e38

/** Largest |value| (missing values skipped; ±Infinity counts as Infinity). */
export function largestMagnitude(values: ArrayLike<number>): number {
  let max = 0
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i])
    if (a > max) max = a
  }
  return max
}

const show = (x: number) => (Number.isFinite(x) ? x.toExponential(1) : 'infinite')

/** Throws a sentence when `values` cannot be held in float32 (the cause, instead of a diverged loss). */
export function requireFloat32(values: ArrayLike<number>, what: string): void {
  const max = largestMagnitude(values)
  if (max > FLOAT32_MAX) {
    throw new Error(
      `The ${what} overflow float32 (values up to ±${show(max)}; TensorFlow.js computes in float32, whose limit is ±3.4e38). ` +
        'Rescale or standardize those columns first.',
    )
  }
}

/**
 * Throws a sentence when squared Euclidean distances between rows of X (rows × cols) would
 * overflow: clustering on them would give Infinity/NaN (k-means) or abort (hierarchical).
 */
export function requireFiniteDistances(X: Float64Array, rows: number, cols: number, method: string): void {
  let total = 0
  for (let j = 0; j < cols; j++) {
    let lo = Infinity
    let hi = -Infinity
    for (let i = 0; i < rows; i++) {
      const v = X[i * cols + j]
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    const range = hi - lo
    if (rows > 0) total += range * range
  }
  if (!(total <= 1e300)) {
    throw new Error(
      `${method} measures squared distances between rows, and these values (up to ±${show(largestMagnitude(X))}) make them overflow. ` +
        'Standardize or rescale the columns first.',
    )
  }
}
