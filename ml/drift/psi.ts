/** Population stability index over bins fitted on the reference sample. */

/** Floor for an empty bin's share, so ln(a/e) stays finite (the usual 1e-4 convention). */
const FLOOR = 1e-4

/**
 * Bin edges at the reference's quantiles (deciles by default), deduplicated so a column with
 * few distinct values gets fewer, wider bins. Bins are (−∞, e0], (e0, e1], …, (e_last, ∞).
 */
export function quantileEdges(reference: ArrayLike<number>, bins = 10): number[] {
  const v = Float64Array.from(reference).filter((x) => !Number.isNaN(x)).sort()
  if (v.length === 0) return []
  const edges: number[] = []
  for (let k = 1; k < bins; k++) {
    const e = v[Math.min(v.length - 1, Math.floor((k * v.length) / bins))]
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e)
  }
  // The top edge would put the maximum's ties alone in the last bin with nothing above: drop it.
  if (edges.length && edges[edges.length - 1] === v[v.length - 1]) edges.pop()
  return edges
}

/** Share of the non-missing values in each bin defined by `edges` (edges.length + 1 bins). */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1)
  let n = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (Number.isNaN(x)) continue
    let lo = 0
    let hi = edges.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (x <= edges[mid]) hi = mid
      else lo = mid + 1
    }
    counts[lo]++
    n++
  }
  if (n > 0) for (let k = 0; k < counts.length; k++) counts[k] /= n
  return counts
}

/** Share of each category code 0..k−1 (missing codes < 0 left out). */
export function categoryShares(codes: ArrayLike<number>, k: number): Float64Array {
  const counts = new Float64Array(k)
  let n = 0
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]
    if (c >= 0 && c < k) {
      counts[c]++
      n++
    }
  }
  if (n > 0) for (let j = 0; j < k; j++) counts[j] /= n
  return counts
}

/** PSI = Σ (actual − expected) · ln(actual / expected), shares floored at 1e-4. */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) throw new Error('PSI needs the same bins on both sides.')
  let sum = 0
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k], FLOOR)
    const a = Math.max(actual[k], FLOOR)
    sum += (a - e) * Math.log(a / e)
  }
  return sum
}
