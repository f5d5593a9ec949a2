/** Two-sample Kolmogorov–Smirnov test, as scipy.stats.ks_2samp (two-sided, asymptotic p-value). */

export interface KsResult {
  /** Largest gap between the two empirical CDFs. */
  statistic: number
  /** Asymptotic two-sided p-value (Kolmogorov's limiting distribution). */
  pValue: number
}

function sorted(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length)
  let n = 0
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[n++] = values[i]
  return out.subarray(0, n).sort()
}

/** Largest |F_a(x) − F_b(x)| over all x, walking both sorted samples once (ties stepped together). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  let i = 0
  let j = 0
  let d = 0
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j])
    while (i < a.length && a[i] === x) i++
    while (j < b.length && b[j] === x) j++
    d = Math.max(d, Math.abs(i / a.length - j / b.length))
  }
  return d
}

/** P(K > λ) for Kolmogorov's distribution: scipy.stats.kstwobign.sf. */
export function kolmogorovSf(lambda: number): number {
  if (lambda <= 0) return 1
  if (lambda < 0.3) {
    // The alternating series converges slowly here; use the complementary (Jacobi theta) form of the CDF.
    const t = Math.PI ** 2 / (8 * lambda * lambda)
    let cdf = 0
    for (let k = 1; k <= 50; k += 2) cdf += Math.exp(-k * k * t)
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf
  }
  let sum = 0
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda)
    sum += (k % 2 === 1 ? 1 : -1) * term
    if (term < 1e-17) break
  }
  return Math.min(1, Math.max(0, 2 * sum))
}

/** KS test of two samples; NaN (missing) values are left out. Empty samples give NaN. */
export function ksTest(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult {
  const a = sorted(reference)
  const b = sorted(current)
  if (a.length === 0 || b.length === 0) return { statistic: NaN, pValue: NaN }
  const statistic = ksStatistic(a, b)
  const en = (a.length * b.length) / (a.length + b.length)
  return { statistic, pValue: kolmogorovSf(statistic * Math.sqrt(en)) }
}
