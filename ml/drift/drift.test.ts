import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { featureDrift, numericPsi, categoricalPsi, driftVerdict } from './drift'
import { kolmogorovSf, ksTest } from './ks'
import { binShares, psi, quantileEdges } from './psi'

interface KsCase {
  name: string
  a: number[]
  b: number[]
  statistic: number
  kstwobign_p: number
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/ks-scipy.json', import.meta.url), 'utf8')) as { cases: KsCase[] }

describe('Kolmogorov–Smirnov', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s matches scipy ks_2samp and kstwobign', (_, c) => {
    const r = ksTest(c.a, c.b)
    expect(r.statistic).toBeCloseTo(c.statistic, 12)
    expect(r.pValue).toBeCloseTo(c.kstwobign_p, 10)
    expect(Math.abs(r.pValue - c.kstwobign_p) / Math.max(c.kstwobign_p, 1e-300)).toBeLessThan(1e-6)
  })

  it('gives the hand-computed gap and ignores missing values', () => {
    // F_a steps 1/3 at 1, 2, 3; F_b steps 1/2 at 3, 4: the gap peaks at x = 2 (2/3 − 0).
    expect(ksTest([1, 2, 3, NaN], [3, 4]).statistic).toBeCloseTo(2 / 3, 15)
  })

  it('is continuous across the two series of the Kolmogorov distribution', () => {
    expect(kolmogorovSf(0.3 - 1e-9)).toBeCloseTo(kolmogorovSf(0.3 + 1e-9), 8)
    expect(kolmogorovSf(0)).toBe(1)
    // scipy.stats.kstwobign.sf at 1.36 (the 5 % critical value), 1.63 (1 %) and in the small-λ series.
    expect(kolmogorovSf(1.36)).toBeCloseTo(0.04948588, 8)
    expect(kolmogorovSf(1.63)).toBeCloseTo(0.00984636, 8)
    expect(kolmogorovSf(0.29)).toBeCloseTo(0.99999632, 8)
  })
})

describe('population stability index', () => {
  it('bins at reference quantiles and sums (a − e)·ln(a/e) by hand', () => {
    const ref = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(quantileEdges(ref, 2)).toEqual([6])
    const e = binShares(ref, [6])
    const a = binShares([1, 7, 8, 9], [6])
    expect([...e]).toEqual([0.6, 0.4])
    expect([...a]).toEqual([0.25, 0.75])
    expect(psi(e, a)).toBeCloseTo((0.25 - 0.6) * Math.log(0.25 / 0.6) + (0.75 - 0.4) * Math.log(0.75 / 0.4), 15)
  })

  it('floors empty bins instead of dividing by zero', () => {
    expect(psi([0.5, 0.5], [1, 0])).toBeCloseTo(0.5 * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 12)
  })

  it('compares category shares over the union of categories', () => {
    expect(categoricalPsi(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'])).toBeCloseTo(
      (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5),
      15,
    )
    expect(categoricalPsi(['a', 'b'], ['b', 'a'])).toBe(0)
  })
})

describe('feature drift verdict', () => {
  // A fixed pseudo-normal sample (Box–Muller on a small LCG) so the test needs no RNG library.
  function normal(n: number, mean: number, seed: number): Float64Array {
    let s = seed
    const u = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31
    return Float64Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()))
  }
  const t = { psi: 0.2, alpha: 0.01 }

  it('flags a shifted feature and not an unshifted one', () => {
    const train = normal(2000, 0, 1)
    const same = featureDrift({ name: 'x', type: 'numeric', values: train }, { name: 'x', type: 'numeric', values: normal(500, 0, 2) }, t)
    const shifted = featureDrift({ name: 'y', type: 'numeric', values: train }, { name: 'y', type: 'numeric', values: normal(500, 0.8, 3) }, t)
    expect(same.drifted).toBe(false)
    expect(same.psi).toBeLessThan(0.1)
    expect(same.pValue).toBeGreaterThan(0.05)
    expect(shifted.drifted).toBe(true)
    expect(shifted.psi).toBeGreaterThan(0.25)
    expect(shifted.pValue).toBeLessThan(1e-6)
    expect(driftVerdict([same, shifted])).toBe('Drift: drift in 1 of 2 features (y).')
    expect(driftVerdict([same])).toBe('No drift: all 1 features look like the training data.')
  })

  it('uses PSI only for categorical features', () => {
    const d = featureDrift(
      { name: 'c', type: 'categorical', values: ['a', 'a', 'b', undefined] },
      { name: 'c', type: 'categorical', values: ['b', 'b', 'b', 'b'] },
      t,
    )
    expect(d.drifted).toBe(true)
    expect(Number.isNaN(d.ks)).toBe(true)
    expect(numericPsi([1, 2, 3], [1, 2, 3])).toBe(0)
  })
})
