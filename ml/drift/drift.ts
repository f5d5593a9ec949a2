import { ksTest } from './ks'
import { binShares, categoryShares, psi, quantileEdges } from './psi'

/** A feature's values as the drift check reads them: numbers (NaN = missing) or category names. */
export type FeatureSample =
  | { name: string; type: 'numeric'; values: ArrayLike<number> }
  | { name: string; type: 'categorical'; values: readonly (string | undefined)[] }

export interface DriftThresholds {
  /** A feature drifts when its PSI reaches this (0.1 slight, 0.25 major by the usual rule of thumb). */
  psi: number
  /** … or when the KS test rejects "same distribution" at this level (numeric features). */
  alpha: number
}

export interface FeatureDrift {
  name: string
  type: 'numeric' | 'categorical'
  psi: number
  /** KS statistic and p-value; NaN for categorical features. */
  ks: number
  pValue: number
  drifted: boolean
}

/** PSI of a numeric sample against deciles of the reference. */
export function numericPsi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const edges = quantileEdges(reference)
  return psi(binShares(reference, edges), binShares(current, edges))
}

/** PSI over the union of categories seen in either sample. */
export function categoricalPsi(reference: readonly (string | undefined)[], current: readonly (string | undefined)[]): number {
  const index = new Map<string, number>()
  const codes = (texts: readonly (string | undefined)[]) =>
    Int32Array.from(texts, (t) => {
      if (t === undefined) return -1
      if (!index.has(t)) index.set(t, index.size)
      return index.get(t)!
    })
  const a = codes(reference)
  const b = codes(current)
  return psi(categoryShares(a, index.size), categoryShares(b, index.size))
}

/** Drift of one feature between the reference (training) sample and a new batch. */
export function featureDrift(reference: FeatureSample, current: FeatureSample, t: DriftThresholds): FeatureDrift {
  if (reference.type === 'numeric' && current.type === 'numeric') {
    const ks = ksTest(reference.values, current.values)
    const value = numericPsi(reference.values, current.values)
    const drifted = value >= t.psi || ks.pValue < t.alpha
    return { name: reference.name, type: 'numeric', psi: value, ks: ks.statistic, pValue: ks.pValue, drifted }
  }
  const text = (s: FeatureSample) =>
    s.type === 'categorical' ? s.values : Array.from(s.values, (v) => (Number.isNaN(v) ? undefined : String(v)))
  const value = categoricalPsi(text(reference), text(current))
  return { name: reference.name, type: 'categorical', psi: value, ks: NaN, pValue: NaN, drifted: value >= t.psi }
}

/** One sentence for people: which features drifted, or that none did. */
export function driftVerdict(features: readonly Pick<FeatureDrift, 'name' | 'drifted'>[], predictionDrifted?: boolean): string {
  const drifted = features.filter((f) => f.drifted).map((f) => f.name)
  const parts: string[] = []
  if (drifted.length) parts.push(`drift in ${drifted.length} of ${features.length} features (${drifted.join(', ')})`)
  if (predictionDrifted) parts.push('the predictions drifted')
  return parts.length ? `Drift: ${parts.join('; ')}.` : `No drift: all ${features.length} features look like the training data.`
}
