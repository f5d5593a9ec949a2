/**
 * Feature binning as scikit-learn's HistGradientBoosting (_BinMapper, without missing values and
 * without its subsample of 200 000 rows): at most maxBins bins per feature, thresholds halfway
 * between distinct values when there are few enough of them, else the midpoint percentiles.
 */

/** Thresholds per feature: value ≤ thresholds[b] falls in bin b; larger values in the last bin. */
export function binThresholds(X: Float64Array, rows: number, cols: number, maxBins: number): Float64Array[] {
  const out: Float64Array[] = []
  const col = new Float64Array(rows)
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) col[i] = X[i * cols + f]
    col.sort()
    const distinct: number[] = []
    for (let i = 0; i < rows; i++) if (i === 0 || col[i] !== col[i - 1]) distinct.push(col[i])
    if (distinct.length <= maxBins) {
      out.push(Float64Array.from({ length: distinct.length - 1 }, (_, b) => (distinct[b] + distinct[b + 1]) * 0.5))
      continue
    }
    // numpy's percentile(method='midpoint') at linspace(0, 100, maxBins + 1)[1:-1].
    out.push(
      Float64Array.from({ length: maxBins - 1 }, (_, b) => {
        const q = (100 * (b + 1)) / maxBins
        const at = (q / 100) * (rows - 1)
        return (col[Math.floor(at)] + col[Math.ceil(at)]) / 2
      }),
    )
  }
  return out
}

/** Bin index of every entry, column-major (cols × rows), by binary search over the thresholds. */
export function binMatrix(X: Float64Array, rows: number, cols: number, thresholds: Float64Array[]): Uint8Array {
  const out = new Uint8Array(rows * cols)
  for (let f = 0; f < cols; f++) {
    const t = thresholds[f]
    for (let i = 0; i < rows; i++) {
      const x = X[i * cols + f]
      let lo = 0
      let hi = t.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (x <= t[mid]) hi = mid
        else lo = mid + 1
      }
      out[f * rows + i] = lo
    }
  }
  return out
}
