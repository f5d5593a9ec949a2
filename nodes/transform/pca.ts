import { EigenvalueDecomposition, Matrix } from 'ml-matrix'
import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Column, Dataset, NumericColumn } from '../../runtime/values/dataset'
import { getColumn, numericColumn, quoteList, requireData, type DatasetOrSplits } from '../shared/table'
import { chooseColumns, fitAndApply, fittedSummary, lastStep, SUMMARY_COLUMNS } from '../shared/table-select'

export interface PcaState {
  columns: string[]
  mean: number[]
  /** k × p loadings, one row per component. */
  components: number[][]
  explainedVariance: number[]
  explainedVarianceRatio: number[]
}

function requireComplete(cols: NumericColumn[]): void {
  const gaps = cols.filter((c) => c.values.some(Number.isNaN)).map((c) => c.name)
  if (gaps.length) throw new Error(`PCA needs complete data: ${quoteList(gaps)} ${gaps.length > 1 ? 'have' : 'has'} missing values; impute them first.`)
}

/**
 * Fits PCA by eigendecomposition of the covariance matrix (n − 1 denominator, as scikit-learn).
 * Sign convention: each component's largest-magnitude loading is positive (scikit-learn ≥ 1.5's
 * svd_flip with u_based_decision=False), so results do not depend on the solver or row order.
 */
export function fitPca(d: Dataset, names: string[], mode: 'components' | 'variance', k: number, variance: number): PcaState {
  const cols = chooseColumns(d, names, 'numeric', 'PCA') as NumericColumn[]
  if (cols.length === 0) throw new Error('PCA found no numeric feature columns; encode categorical columns first or choose columns.')
  requireComplete(cols)
  const n = d.rows
  if (n < 2) throw new Error('PCA needs at least 2 rows to fit.')
  const pDim = cols.length
  const mean = cols.map((c) => c.values.reduce((s, v) => s + v, 0) / n)
  const cov = Matrix.zeros(pDim, pDim)
  for (let a = 0; a < pDim; a++) {
    for (let b = a; b < pDim; b++) {
      let s = 0
      const va = cols[a].values
      const vb = cols[b].values
      for (let i = 0; i < n; i++) s += (va[i] - mean[a]) * (vb[i] - mean[b])
      cov.set(a, b, s / (n - 1))
      cov.set(b, a, s / (n - 1))
    }
  }
  const evd = new EigenvalueDecomposition(cov, { assumeSymmetric: true })
  const vectors = evd.eigenvectorMatrix
  const order = evd.realEigenvalues.map((value, j) => ({ value: Math.max(0, value), j })).sort((x, y) => y.value - x.value)
  const total = order.reduce((s, o) => s + o.value, 0)
  const ratios = order.map((o) => (total > 0 ? o.value / total : 0))
  const maxK = Math.min(n, pDim)
  let keep = Math.min(k, maxK)
  if (mode === 'variance') {
    // scikit-learn: the number of components whose cumulative ratio first exceeds the target.
    let cum = 0
    keep = ratios.findIndex((r) => (cum += r) > variance) + 1 || maxK
    keep = Math.min(keep, maxK)
  }
  const components = order.slice(0, keep).map(({ j }) => {
    const v = vectors.getColumn(j)
    const big = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0)
    return big < 0 ? v.map((x) => -x) : v
  })
  return {
    columns: cols.map((c) => c.name),
    mean,
    components,
    explainedVariance: order.slice(0, keep).map((o) => o.value),
    explainedVarianceRatio: ratios.slice(0, keep),
  }
}

/** Replaces the fitted columns by PC1..PCk, placed where the first of them was. */
export function applyPca(s: PcaState, d: Dataset): Dataset {
  const cols = s.columns.map((name) => getColumn(d, name)) as Column[]
  const wrong = cols.filter((c) => c.type !== 'numeric')
  if (wrong.length) throw new Error(`PCA expected numeric columns; ${quoteList(wrong.map((c) => c.name))} is categorical.`)
  requireComplete(cols as NumericColumn[])
  const pcs = s.components.map((w, k) => {
    const values = new Float64Array(d.rows)
    for (let i = 0; i < d.rows; i++) {
      let v = 0
      for (let j = 0; j < w.length; j++) v += ((cols[j] as NumericColumn).values[i] - s.mean[j]) * w[j]
      values[i] = v
    }
    return numericColumn(`PC${k + 1}`, values)
  })
  const used = new Set(s.columns)
  const at = d.columns.findIndex((c) => used.has(c.name))
  const rest = d.columns.filter((c) => !used.has(c.name))
  const clash = rest.find((c) => pcs.some((pc) => pc.name === c.name))
  if (clash) throw new Error(`PCA would create column "${clash.name}", which already exists; rename it first.`)
  const before = d.columns.slice(0, at).filter((c) => !used.has(c.name))
  return { ...d, columns: [...before, ...pcs, ...rest.slice(before.length)] }
}

/** Principal component analysis as a transform. */
export const pcaNode = defineNode({
  type: 'transform.pca',
  version: 1,
  category: 'transform',
  title: 'PCA',
  description:
    'Projects numeric columns onto their principal components (directions of largest variance), replacing them by PC1, PC2, …, as scikit-learn PCA ' +
    '(centred, not scaled: standardize first when units differ). Keep a fixed number of components, or the fewest whose explained variance exceeds a target. ' +
    'Fitted on the training split (or all rows of one table). Each component is signed so its largest loading is positive.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  params: {
    columns: p.columns({ kind: 'numeric', title: 'Columns', description: 'Empty: every numeric feature column.' }),
    mode: p.select(['components', 'variance'], { default: 'components', title: 'Keep', description: 'A number of components, or enough to explain a share of the variance.' }),
    components: p.int({ default: 2, min: 1, max: 1000, title: 'Components' }),
    variance: p.number({ default: 0.95, gt: 0, max: 1, step: 0.01, title: 'Explained variance target', description: 'Used when Keep is "variance".' }),
  },
  run({ data }, params) {
    const out = fitAndApply(
      requireData(data),
      'pca',
      (train) => fitPca(train, params.columns, params.mode, params.components, params.variance),
      applyPca,
    )
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as PcaState
    const cumulative = s.explainedVarianceRatio.reduce((a, b) => a + b, 0)
    return fittedSummary(data, { components: s.components.length, explainedVarianceRatio: s.explainedVarianceRatio.slice(0, SUMMARY_COLUMNS), cumulative })
  },
})
