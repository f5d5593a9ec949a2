import type { Column, NumericColumn } from '../../runtime/values/dataset'

/** Column statistics that skip missing cells (NaN / code -1), as scikit-learn's nan-aware fits do. */

/** The present values of a numeric column, or a message naming the column when there are none. */
export function presentValues(c: NumericColumn, where = 'the fitting rows'): number[] {
  const out: number[] = []
  for (const v of c.values) if (!Number.isNaN(v)) out.push(v)
  if (out.length === 0) throw new Error(`Column "${c.name}" has no values in ${where}; drop it or fill it first.`)
  return out
}

export function mean(values: number[]): number {
  let s = 0
  for (const v of values) s += v
  if (Number.isFinite(s) || values.some((v) => !Number.isFinite(v))) return s / values.length
  // The sum overflowed (values near 1e308): a running mean stays in range.
  let m = 0
  values.forEach((v, i) => (m += (v - m) / (i + 1)))
  return m
}

/** Population standard deviation (ddof = 0), as StandardScaler uses. */
export function populationStd(values: number[], m = mean(values)): number {
  let s = 0
  for (const v of values) s += (v - m) ** 2
  if (Number.isFinite(s) || !Number.isFinite(m)) return Math.sqrt(s / values.length)
  // Squares overflowed (values beyond 1e154): scale by the largest deviation first.
  let scale = 0
  for (const v of values) scale = Math.max(scale, Math.abs(v - m))
  let t = 0
  for (const v of values) t += ((v - m) / scale) ** 2
  return scale * Math.sqrt(t / values.length)
}

/** The q-quantile with linear interpolation between order statistics (numpy's default). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo])
}

export const median = (values: number[]) => quantile(values, 0.5)

/**
 * The most frequent present value of a column, as text for categorical columns; ties go to the
 * smallest value (scikit-learn's SimpleImputer rule).
 */
export function mostFrequent(c: Column, where = 'the fitting rows'): number | string {
  const counts = new Map<number | string, number>()
  if (c.type === 'numeric') for (const v of presentValues(c, where)) counts.set(v, (counts.get(v) ?? 0) + 1)
  else for (const k of c.codes) if (k >= 0) counts.set(c.categories[k], (counts.get(c.categories[k]) ?? 0) + 1)
  if (counts.size === 0) throw new Error(`Column "${c.name}" has no values in ${where}; drop it or fill it first.`)
  let best: number | string | undefined
  let bestCount = 0
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v < best!)) (best = v), (bestCount = n)
  return best!
}
